using System.Globalization;
using CIA.Engine.Domain;
using CIA.Engine.Policy;
using CIA.Engine.Tables;
using CIA.Engine.Targets;

namespace CIA.Engine.Reporting;

/// <summary>
/// The report's words and numbers in one language. French numbers: a comma for decimals, a no-break space between
/// thousands and before %, e.g. "25,3 %" and "1 241"; English: "25.3%" and "1,241". Shares are shown with one
/// decimal (statuses are decided exactly, never on the rounded share).
/// </summary>
public sealed class ReportText
{
    /// <summary>The no-break space of French numbers.</summary>
    public const char Nbsp = '\u00A0';

    private static readonly NumberFormatInfo FrenchNumbers = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = Nbsp.ToString(), NumberGroupSizes = [3] };
    private static readonly NumberFormatInfo EnglishNumbers = new() { NumberDecimalSeparator = ".", NumberGroupSeparator = ",", NumberGroupSizes = [3] };

    private ReportText(ReportLanguage language) => Language = language;

    /// <summary>French.</summary>
    public static ReportText French { get; } = new(ReportLanguage.French);

    /// <summary>English.</summary>
    public static ReportText English { get; } = new(ReportLanguage.English);

    /// <summary>The language.</summary>
    public ReportLanguage Language { get; }

    private bool Fr => Language == ReportLanguage.French;

    private NumberFormatInfo Numbers => Fr ? FrenchNumbers : EnglishNumbers;

    /// <summary>The text of a language.</summary>
    public static ReportText Of(ReportLanguage language) => language == ReportLanguage.French ? French : English;

    /// <summary>One of two texts.</summary>
    public string T(string french, string english) => Fr ? french : english;

    /// <summary>A count: "1 241" or "1,241".</summary>
    public string Count(decimal count) => count.ToString("#,0", Numbers);

    /// <summary>A share with one decimal: "25,3 %" or "25.3%".</summary>
    public string Share(decimal share) => (share * 100m).ToString("#,0.0", Numbers) + (Fr ? Nbsp + "%" : "%");

    /// <summary>A bound: "25 %" (as many decimals as it has).</summary>
    public string Bound(decimal share) => (share * 100m).ToString("#,0.###", Numbers) + (Fr ? Nbsp + "%" : "%");

    /// <summary>A difference in percentage points: "+1,2 pt" / "−0,4 pt".</summary>
    public string Points(decimal points)
    {
        var shown = decimal.Round(points, 1, MidpointRounding.AwayFromZero); // the sign of what is shown: no "−0,0"
        return (shown > 0 ? "+" : shown < 0 ? "−" : string.Empty) + Math.Abs(shown).ToString("0.0", Numbers) + (Fr ? Nbsp + "pt" : " pt");
    }

    /// <summary>What a masked cell shows.</summary>
    public string Masked => T("masqué", "masked");

    /// <summary>What an undefined share shows.</summary>
    public const string Undefined = "—";

    /// <summary>A status in words.</summary>
    public string Status(TargetStatus status) => status switch
    {
        TargetStatus.Met => T("atteint", "met"),
        TargetStatus.NotMet => T("non atteint", "not met"),
        TargetStatus.Below => T("en dessous", "below"),
        TargetStatus.Within => T("dans la fourchette", "within"),
        TargetStatus.Above => T("au-dessus", "above"),
        TargetStatus.NoAllocations => T("aucune attribution", "no allocations"),
        _ => T("indicateur", "indicator"),
    };

    /// <summary>A target's bounds in words: "≥ 25 %", "≤ 5 %", "20 %–30 %", or "indicator".</summary>
    public string Bounds(decimal? min, decimal? max) => (min, max) switch
    {
        ({ } lo, { } hi) => $"{Bound(lo)}–{Bound(hi)}",
        ({ } lo, null) => "≥ " + Bound(lo),
        (null, { } hi) => "≤ " + Bound(hi),
        _ => T("indicateur", "indicator"),
    };

    /// <summary>A réservataire's name.</summary>
    public string Reservataire(Reservataire r) => r switch
    {
        Domain.Reservataire.Prefecture => T("préfet (prioritaires)", "préfet (priority households)"),
        Domain.Reservataire.StateAgents => T("préfet (agents de l'État)", "préfet (State agents)"),
        Domain.Reservataire.ActionLogement => "Action Logement",
        Domain.Reservataire.Commune => T("communes", "communes"),
        Domain.Reservataire.Landlord => T("bailleurs (non réservé)", "landlords (non-reserved)"),
        Domain.Reservataire.Other => T("autres", "others"),
        _ => T("aucun", "none"),
    };

    /// <summary>A breakdown dimension's name.</summary>
    public string Dimension(TargetBreakdown d) => d switch
    {
        TargetBreakdown.Reservataire => T("par réservataire", "by réservataire"),
        TargetBreakdown.Landlord => T("par bailleur", "by landlord"),
        TargetBreakdown.Commune => T("par commune", "by commune"),
        TargetBreakdown.Qpv => T("par QPV", "by QPV"),
        _ => T("total", "total"),
    };

    /// <summary>A target's title: the French title of the built-in targets in French, the policy's title otherwise.</summary>
    public string TargetTitle(AllocationTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!Fr)
        {
            return target.Title;
        }

        return target.Id switch
        {
            "cia-priority-share" => "Ménages prioritaires dans les attributions des bailleurs, des communes et d'Action Logement",
            "prefect-contingent-priority" => "Le contingent préfectoral va aux ménages prioritaires",
            "prefect-state-agents" => "Au plus 5 % des attributions du préfet aux agents de l'État",
            "lec-statutory-priority" => "Ménages DALO et publics prioritaires de l'article L441-1 dans les attributions de chaque réservataire",
            "lec-outside-qpv" => "Ménages du 1er quartile ou relogés par le renouvellement urbain, hors QPV",
            "lec-in-qpv" => "Ménages des quartiles 2 à 4 dans les attributions en QPV",
            "qpv-diversification" => "Ménages cibles dans les attributions en QPV",
            "rebalancing-accessible" => "Ménages prioritaires logés dans le parc accessible non fragile hors QPV, face à la capacité mobilisable",
            "rebalancing-non-fragile" => "Ménages prioritaires logés dans le parc non fragile hors QPV, face à la capacité mobilisable",
            _ => target.Title,
        };
    }

    /// <summary>What a target counts, numerator over denominator, in words.</summary>
    public string Definition(AllocationTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var measure = target.Measure switch
        {
            TargetMeasure.Priority => T("ménages prioritaires (CIA Axe I §1, au moins un critère)", "priority households (CIA Axe I §1, at least one criterion)"),
            TargetMeasure.PrefectoralCriteria => T("ménages remplissant l'un des critères ", "households meeting one of the criteria ") + Tokens<PrefectoralCriteria>.FormatFlags(target.Criteria),
            TargetMeasure.FirstQuartileOrRelocated => T("ménages du 1er quartile ou relogés par le renouvellement urbain", "1st-quartile households or households relocated by urban renewal"),
            TargetMeasure.QuartilesTwoToFour => T("ménages des quartiles 2 à 4", "households of quartiles 2 to 4"),
            TargetMeasure.TargetHousehold => T("ménages cibles (en emploi ou retraités, au-dessus de 60 % du plafond PLUS)", "ménages cibles (in work or retired, above 60 % of the PLUS ceiling)"),
            TargetMeasure.StateAgents => T("attributions aux agents de l'État", "allocations to State agents"),
            _ => target.Measure.ToString(),
        };
        var scope = target.Dwellings switch
        {
            DwellingScope.OutsideQpv => T("de logements hors QPV", "of dwellings outside QPV"),
            DwellingScope.InQpv => T("de logements en QPV", "of dwellings in QPV"),
            DwellingScope.NonFragileOutsideQpv => T("dans le parc non fragile hors QPV", "in the non-fragile stock outside QPV"),
            DwellingScope.RebalancingStock => T("dans le parc accessible ou potentiellement accessible, non fragile, hors QPV", "in the accessible or potentially accessible non-fragile stock outside QPV"),
            _ => T("de tous les logements", "of all dwellings"),
        };
        var whose = target.Reservataires.IsDefaultOrEmpty
            ? T("tous réservataires", "all réservataires")
            : string.Join(", ", target.Reservataires.Select(Reservataire));
        return T($"Numérateur : {measure}. Dénominateur : attributions {scope} ({whose}).", $"Numerator: {measure}. Denominator: allocations {scope} ({whose}).");
    }

    /// <summary>A kind of record problem in words.</summary>
    public string Problem(AllocationProblemKind kind) => kind switch
    {
        AllocationProblemKind.UnknownApplication => T("demande inconnue de la demande", "application not in the demand"),
        AllocationProblemKind.UnknownDwelling => T("logement inconnu du parc", "dwelling not in the stock"),
        AllocationProblemKind.DuplicateApplication => T("demande déjà attribuée plus haut", "application already housed on an earlier line"),
        AllocationProblemKind.DuplicateLease => T("bail en double (même logement, même jour)", "duplicate lease (same dwelling, same day)"),
        AllocationProblemKind.OutsideYear => T("bail signé hors de l'année", "lease signed outside the year"),
        _ => kind.ToString(),
    };

    /// <summary>A group of the moves and least-served sections in words.</summary>
    public string Group(string group) => group switch
    {
        "mutation" => T("mutations (locataires du parc social)", "mutations (social tenants)"),
        "mutation_from_qpv" => T("mutations de résidents de QPV", "mutations of QPV residents"),
        "relocation_anru" => T("relogements ANRU", "ANRU relocations"),
        "relocation_non_anru" => T("relogements hors ANRU", "non-ANRU relocations"),
        "quartile_1" => T("ménages du 1er quartile", "1st-quartile households"),
        "priority" => T("ménages prioritaires", "priority households"),
        _ => group,
    };
}
