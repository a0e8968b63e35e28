using CIA.Engine.Domain;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;
using CIA.Engine.Rules;

namespace CIA.Engine.Stock;

/// <summary>
/// What the dwelling rules read about one dwelling, as plain values: the same struct comes from a <see cref="Dwelling"/>
/// record or from a row of a <see cref="Tables.StockTable"/>, so classification has one path whatever the source.
/// </summary>
/// <param name="Zone">APL zone of its commune.</param>
/// <param name="Region">PLUS-ceiling zone of its commune.</param>
/// <param name="Qpv">The QPV it lies in, or null outside QPV (a reference to an interned code: no allocation).</param>
/// <param name="Rooms">Main rooms.</param>
/// <param name="Rent">Monthly rent in principal, excluding charges.</param>
/// <param name="Financing">Initial financing.</param>
/// <param name="Reservataire">Réservataire holding it.</param>
/// <param name="Programme">Its programme's id, for explanations.</param>
/// <param name="Fragility">Its programme's fragility.</param>
public readonly record struct DwellingInput(
    AplZone Zone,
    PlusRegion Region,
    string? Qpv,
    int Rooms,
    Euros Rent,
    Financing Financing,
    Reservataire Reservataire,
    string Programme,
    FragilityStatus Fragility)
{
    /// <summary>Whether the dwelling lies in a QPV.</summary>
    public bool InQpv => Qpv is not null;
}

/// <summary>What the dwelling rules read: the dwelling's values and the APL ceiling of its size, zone and date.</summary>
internal readonly struct DwellingFacts
{
    internal DwellingFacts(in DwellingInput input, TypologyHousehold household, DatedValue<AplRentCeilings> ceilings, Euros aplCeiling)
    {
        Input = input;
        Household = household;
        Ceilings = ceilings;
        AplCeiling = aplCeiling;
    }

    /// <summary>The dwelling's values.</summary>
    public DwellingInput Input { get; }

    /// <summary>The household the policy assumes for its size.</summary>
    public TypologyHousehold Household { get; }

    /// <summary>The APL rent ceilings in force at the date, with their period and source.</summary>
    public DatedValue<AplRentCeilings> Ceilings { get; }

    /// <summary>The APL rent ceiling for that household, zone and date.</summary>
    public Euros AplCeiling { get; }
}

/// <summary>The dwelling rules (CIA Annexe 1, étapes 1–2): QPV, fragility, APL accessibility, rebalancing stock.</summary>
internal static class DwellingRules
{
    /// <summary>The rule set's name.</summary>
    public const string Name = "dwelling";

    private const string Annexe1 = "Nantes CIA Annexe 1";

    /// <summary>Builds the dwelling rule set of a policy; the rules read the policy through this argument only.</summary>
    public static RuleSet<DwellingFacts> Build(CiaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var margin = policy.Stock.PotentiallyAccessibleMargin;
        var notAssessedAreFragile = policy.Stock.Fragility.NotAssessedAreFragile;
        bool CountsFragile(in DwellingFacts f) => f.Input.Fragility == FragilityStatus.Fragile || (f.Input.Fragility == FragilityStatus.NotAssessed && notAssessedAreFragile);
        static bool Accessible(in DwellingFacts f) => f.Input.Rent <= f.AplCeiling;
        bool PotentiallyAccessible(in DwellingFacts f) => f.Input.Rent > f.AplCeiling && f.Input.Rent <= f.AplCeiling + margin;

        var b = new RuleSetBuilder<DwellingFacts>(Name);
        b.Rule("STOCK-IN-QPV").Title("Dwelling in a QPV").Reference("Décret n° 2014-1750 (QPV 2015); décret n° 2023-1314 (QPV 2024)")
            .Description("The dwelling lies in a quartier prioritaire de la politique de la ville (RPLS QPV field).")
            .When(static (in DwellingFacts f) => f.Input.InQpv)
            .Because(static (in DwellingFacts f) => $"in QPV {f.Input.Qpv}");
        b.Rule("STOCK-FRAGILE").Title("Dwelling in a fragile programme").Reference(Annexe1 + ", étape 1")
            .Description("Its programme is fragile (or not assessed, when the policy counts those as fragile).")
            .When((in DwellingFacts f) => CountsFragile(in f))
            .Because(static (in DwellingFacts f) => $"programme {f.Input.Programme} is {Tokens<FragilityStatus>.Format(f.Input.Fragility).Replace('_', ' ')}");
        b.Rule("STOCK-ACCESSIBLE").Title("Accessible dwelling (rent solvable by APL)").Reference(Annexe1 + ", étape 2; CCH R351-17-3 (APL ceilings)")
            .Description("Rent excluding charges at or below the APL rent ceiling in force at the date, for the household assumed for the dwelling size, in the commune's zone.")
            .When(static (in DwellingFacts f) => Accessible(in f))
            .Because(static (in DwellingFacts f) => $"rent {f.Input.Rent.ToDisplayString()} ≤ APL ceiling {f.AplCeiling.ToDisplayString()} (zone {(int)f.Input.Zone}, T{f.Input.Rooms} → {f.Household.Describe()}, ceilings in force from {f.Ceilings.From:yyyy-MM-dd})");
        b.Rule("STOCK-POTENTIALLY-ACCESSIBLE").Title("Potentially accessible dwelling").Reference(Annexe1 + ", étape 2 (\"30 € maximum au-dessus\")")
            .Description("Rent above the APL ceiling by at most the policy's margin (30 €).")
            .When((in DwellingFacts f) => PotentiallyAccessible(in f))
            .Because((in DwellingFacts f) => $"APL ceiling {f.AplCeiling.ToDisplayString()} < rent {f.Input.Rent.ToDisplayString()} ≤ ceiling + {margin.ToDisplayString()}");
        b.Rule("STOCK-REBALANCING").Title("In the rebalancing stock").Reference(Annexe1 + "; Nantes CIA Axe I §2")
            .Description("Outside QPV, in a non-fragile programme, accessible or potentially accessible: counts in the base of the mobilisable capacity.")
            .When((in DwellingFacts f) => !f.Input.InQpv && !CountsFragile(in f) && (Accessible(in f) || PotentiallyAccessible(in f)))
            .Because(static (in DwellingFacts _) => "outside QPV, non-fragile programme, rent within reach of APL");
        return b.Build();
    }
}
