using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;

namespace CIA.Engine.Domain;

/// <summary>Employment situations declared in an application (several may hold: <c>employed|retired</c>).</summary>
[Flags]
public enum EmploymentStatus
{
    /// <summary>Nothing declared.</summary>
    None = 0,

    /// <summary>In work (salarié, actif occupé).</summary>
    [Token("employed")] Employed = 1,

    /// <summary>Retired.</summary>
    [Token("retired")] Retired = 2,

    /// <summary>Unemployed.</summary>
    [Token("unemployed")] Unemployed = 4,

    /// <summary>Student or apprentice.</summary>
    [Token("student")] Student = 8,

    /// <summary>Other inactive situations.</summary>
    [Token("inactive")] Inactive = 16,
}

/// <summary>Why a social tenant asks to move (demande de mutation).</summary>
public enum MutationReason
{
    /// <summary>Not a mutation, or no reason given.</summary>
    [Token("")] None = 0,

    /// <summary>Health reasons.</summary>
    [Token("health")] Health,

    /// <summary>The dwelling is too large (sous-occupation).</summary>
    [Token("under_occupation")] UnderOccupation,

    /// <summary>The dwelling is too small (sur-occupation).</summary>
    [Token("over_occupation")] OverOccupation,

    /// <summary>The rent is too heavy for the household (précarité économique).</summary>
    [Token("economic_precarity")] EconomicPrecarity,

    /// <summary>Any other reason.</summary>
    [Token("other")] Other,
}

/// <summary>Relocation required by an urban-renewal operation.</summary>
public enum UrbanRenewal
{
    /// <summary>No relocation.</summary>
    [Token("")] None = 0,

    /// <summary>Operation of the national programme (PNRU/NPNRU, ANRU).</summary>
    [Token("anru")] Anru,

    /// <summary>Local operation outside the ANRU programmes.</summary>
    [Token("non_anru")] NonAnru,
}

/// <summary>The préfet's contingent priority criteria (Nantes CIA Axe I §1, criterion 1; CCH L441-1).</summary>
[Flags]
public enum PrefectoralCriteria
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary>Designated by the DALO mediation commission (CCH L441-2-3).</summary>
    [Token("dalo")] Dalo = 1,

    /// <summary>Leaving a CHRS shelter.</summary>
    [Token("chrs_exit")] ChrsExit = 2,

    /// <summary>Refugee leaving a CADA reception centre.</summary>
    [Token("refugee_cada_exit")] RefugeeCadaExit = 4,

    /// <summary>On the préfet's list for more than one year.</summary>
    [Token("prefectoral_list_over_1y")] PrefectoralListOverOneYear = 8,

    /// <summary>One of the priority publics listed in CCH L441-1.</summary>
    [Token("l441_1")] L441Dash1Public = 16,
}

/// <summary>
/// A réservataire: the holder of reservation rights on a dwelling or of the label on an application.
/// <see cref="None"/> on an application means <em>non contingenté</em>; on a dwelling, not reserved.
/// </summary>
public enum Reservataire
{
    /// <summary>No réservataire: the application is non contingentée.</summary>
    [Token("")] None = 0,

    /// <summary>The préfet's contingent for priority households.</summary>
    [Token("prefecture")] Prefecture,

    /// <summary>The préfet's contingent for State agents (at most 5 % of the préfet's share).</summary>
    [Token("state_agents")] StateAgents,

    /// <summary>Action Logement (employers' body).</summary>
    [Token("action_logement")] ActionLogement,

    /// <summary>A commune or the EPCI.</summary>
    [Token("commune")] Commune,

    /// <summary>The landlord's own, non-reserved share.</summary>
    [Token("landlord")] Landlord,

    /// <summary>Any other réservataire (RPLS contingent code 6).</summary>
    [Token("other")] Other,
}

/// <summary>Initial financing of a dwelling (RPLS <c>FINAN</c>), grouped as the rules need it.</summary>
public enum Financing
{
    /// <summary>Prêt locatif aidé d'intégration.</summary>
    [Token("PLAI")] Plai = 1,

    /// <summary>Prêt locatif à usage social: the reference financing.</summary>
    [Token("PLUS")] Plus,

    /// <summary>Prêt locatif social.</summary>
    [Token("PLS")] Pls,

    /// <summary>Prêt locatif intermédiaire.</summary>
    [Token("PLI")] Pli,

    /// <summary>Financing before the 1977 reform (HLM/O, PLR/PSR, ILM...).</summary>
    [Token("HLMO")] PreReform,

    /// <summary>Any other financing.</summary>
    [Token("OTHER")] Other,
}

/// <summary>APL zone of a commune (zonage des aides au logement): 1 (Île-de-France core), 2, 3.</summary>
public enum AplZone
{
    /// <summary>Zone 1.</summary>
    [Token("1")] Zone1 = 1,

    /// <summary>Zone 2: Nantes and 20 other communes of Nantes Métropole.</summary>
    [Token("2")] Zone2 = 2,

    /// <summary>Zone 3: Brains, Mauves-sur-Loire, Saint-Léger-les-Vignes in Nantes Métropole.</summary>
    [Token("3")] Zone3 = 3,
}

/// <summary>
/// The zones of the PLUS/PLAI/PLS resource ceilings (arrêté du 29 juillet 1987 as amended): Paris and its adjacent
/// communes, the rest of Île-de-France, and the other regions. Nantes is in <see cref="OtherRegions"/>. All three are
/// built in (docs/parameters.md); <see cref="PlusRegions.Of"/> gives a commune's zone.
/// </summary>
public enum PlusRegion
{
    /// <summary>"Autres régions": every region but Île-de-France.</summary>
    [Token("other_regions")] OtherRegions = 0,

    /// <summary>Île-de-France outside Paris and its adjacent communes.</summary>
    [Token("ile_de_france")] IleDeFrance,

    /// <summary>Paris and the communes adjacent to it ("Paris et communes limitrophes").</summary>
    [Token("paris_and_adjacent")] ParisAndAdjacent,
}

/// <summary>Which PLUS-ceiling zone a commune is in.</summary>
public static class PlusRegions
{
    /// <summary>Where the list of communes adjacent to Paris comes from.</summary>
    public const string ParisAndAdjacentSource =
        "OpenFisca-France openfisca_france/model/prestations/logement_social.py, list paris_communes_limitrophes (commit a7038ee4), "
        + "plus Boulogne-Billancourt (92012): that list names it in a comment but its codes are shifted by one (93001, commented "
        + "'Bagnolet', is Aubervilliers; 93006, commented 'Boulogne-Billancourt', is Bagnolet), so 92012 is missing; codes and names "
        + "checked against OpenFisca's assets/zonage-communes/zonage-abc-juillet-2024.csv (INSEE codes) [verified codes; list secondary]";

    private static readonly string[] IleDeFranceDepartements = ["75", "77", "78", "91", "92", "93", "94", "95"];

    /// <summary>The 29 communes adjacent to Paris, by INSEE code, with their names (<see cref="ParisAndAdjacentSource"/>).</summary>
    public static readonly ImmutableArray<(CommuneCode Code, string Name)> AdjacentToParis =
    [
        C("92012", "Boulogne-Billancourt"),
        C("92024", "Clichy"),
        C("92040", "Issy-les-Moulineaux"),
        C("92044", "Levallois-Perret"),
        C("92046", "Malakoff"),
        C("92049", "Montrouge"),
        C("92051", "Neuilly-sur-Seine"),
        C("92062", "Puteaux"),
        C("92064", "Saint-Cloud"),
        C("92073", "Suresnes"),
        C("92075", "Vanves"),
        C("93001", "Aubervilliers"),
        C("93006", "Bagnolet"),
        C("93045", "Les Lilas"),
        C("93048", "Montreuil"),
        C("93055", "Pantin"),
        C("93061", "Le Pré-Saint-Gervais"),
        C("93066", "Saint-Denis"),
        C("93070", "Saint-Ouen-sur-Seine"),
        C("94018", "Charenton-le-Pont"),
        C("94033", "Fontenay-sous-Bois"),
        C("94037", "Gentilly"),
        C("94041", "Ivry-sur-Seine"),
        C("94042", "Joinville-le-Pont"),
        C("94043", "Le Kremlin-Bicêtre"),
        C("94052", "Nogent-sur-Marne"),
        C("94067", "Saint-Mandé"),
        C("94069", "Saint-Maurice"),
        C("94080", "Vincennes"),
    ];

    private static readonly FrozenSet<string> Adjacent = AdjacentToParis.Select(c => c.Code.Value).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// Whether a commune is in Île-de-France (départements 75, 77, 78, 91–95), where the ceilings differ from
    /// "autres régions".
    /// </summary>
    public static bool InIleDeFrance(CommuneCode commune) =>
        commune.Value is { Length: 5 } v && IleDeFranceDepartements.Contains(v[..2], StringComparer.Ordinal);

    /// <summary>
    /// Whether a commune is Paris (75056, or one of its arrondissements 75101–75120, as RPLS gives them) or one of the
    /// 29 communes adjacent to it (<see cref="AdjacentToParis"/>).
    /// </summary>
    public static bool InParisOrAdjacent(CommuneCode commune) =>
        commune.Value is { Length: 5 } v
        && (v == "75056" || (v.StartsWith("751", StringComparison.Ordinal) && int.TryParse(v.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var a) && a is >= 1 and <= 20)
            || Adjacent.Contains(v));

    /// <summary>The zone of a commune: Paris and its adjacent communes, the rest of Île-de-France, or "autres régions".</summary>
    public static PlusRegion Of(CommuneCode commune) =>
        InParisOrAdjacent(commune) ? PlusRegion.ParisAndAdjacent : InIleDeFrance(commune) ? PlusRegion.IleDeFrance : PlusRegion.OtherRegions;

    private static (CommuneCode, string) C(string code, string name) => (CommuneCode.Parse(code), name);
}
