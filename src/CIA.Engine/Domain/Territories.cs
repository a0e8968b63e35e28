using System.Collections.Immutable;

namespace CIA.Engine.Domain;

/// <summary>Territories the engine knows out of the box.</summary>
public static class Territories
{
    /// <summary>
    /// Nantes Métropole (SIREN 244400404): its 24 communes with INSEE codes and APL zones
    /// (zone 2 but Brains, Mauves-sur-Loire, Saint-Léger-les-Vignes in zone 3; REFERENCE §3.6).
    /// </summary>
    public static Epci NantesMetropole { get; } = new(
        EpciCode.Parse("244400404"),
        "Nantes Métropole",
        [
            C("44009", "Basse-Goulaine"), C("44018", "Bouaye"), C("44020", "Bouguenais"), C("44024", "Brains", AplZone.Zone3),
            C("44026", "Carquefou"), C("44035", "La Chapelle-sur-Erdre"), C("44047", "Couëron"), C("44074", "Indre"),
            C("44094", "Mauves-sur-Loire", AplZone.Zone3), C("44101", "La Montagne"), C("44109", "Nantes"), C("44114", "Orvault"),
            C("44120", "Le Pellerin"), C("44143", "Rezé"), C("44150", "Saint-Aignan-Grandlieu"), C("44162", "Saint-Herblain"),
            C("44166", "Saint-Jean-de-Boiseau"), C("44171", "Saint-Léger-les-Vignes", AplZone.Zone3), C("44172", "Sainte-Luce-sur-Loire"),
            C("44190", "Saint-Sébastien-sur-Loire"), C("44194", "Sautron"), C("44198", "Les Sorinières"), C("44204", "Thouaré-sur-Loire"),
            C("44215", "Vertou"),
        ]);

    private static Commune C(string code, string name, AplZone zone = AplZone.Zone2) => new(CommuneCode.Parse(code), name, zone);
}
