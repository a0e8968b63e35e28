using System.Collections.Immutable;

namespace CIA.Engine.Domain;

/// <summary>Territories the engine knows out of the box.</summary>
public static class Territories
{
    /// <summary>
    /// Nantes Métropole (SIREN 244400404): its 24 communes with INSEE codes and APL zones
    /// (zone 2 but Brains, Mauves-sur-Loire, Saint-Léger-les-Vignes in zone 3; OpenFisca-France APL zoning file of 2011).
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

    /// <summary>
    /// Nantes Métropole's 15 QPV (2015 geography; Insee Dossier Pays de la Loire n° 3, 2017): 12 in Nantes (Grand Bellevue straddling Nantes and
    /// Saint-Herblain), one each in Saint-Herblain, Rezé and Orvault. Official codes (QP044xxx) are not established, so
    /// the codes are local placeholders (<c>NMQ01</c>...); two of the twelve Nantes quarters are not identified in
    /// the sources and are named as such.
    /// </summary>
    public static ImmutableArray<Qpv> NantesMetropoleQpvs { get; } =
    [
        Q("NMQ01", "Grand Bellevue", "44109", "44162"),
        Q("NMQ02", "Dervallières", "44109"),
        Q("NMQ03", "Malakoff", "44109"),
        Q("NMQ04", "Breil – Malville", "44109"),
        Q("NMQ05", "Nantes Nord", "44109"),
        Q("NMQ06", "Port-Boyer", "44109"),
        Q("NMQ07", "Bottière – Pin Sec", "44109"),
        Q("NMQ08", "Clos Toreau", "44109"),
        Q("NMQ09", "La Halvêque", "44109"),
        Q("NMQ10", "Ranzay – Grand Clos", "44109"),
        Q("NMQ11", "Nantes QPV 11 (name not established)", "44109"),
        Q("NMQ12", "Nantes QPV 12 (name not established)", "44109"),
        Q("NMQ13", "Sillon de Bretagne", "44162"),
        Q("NMQ14", "Château – Mahaudières", "44143"),
        Q("NMQ15", "Plaisance", "44114"),
    ];

    private static Qpv Q(string code, string name, params string[] communes) => new(new QpvCode(code), name, [.. communes.Select(CommuneCode.Parse)]);

    private static Commune C(string code, string name, AplZone zone = AplZone.Zone2) => new(CommuneCode.Parse(code), name, zone);
}
