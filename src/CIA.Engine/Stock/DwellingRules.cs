using CIA.Engine.Domain;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;
using CIA.Engine.Rules;

namespace CIA.Engine.Stock;

/// <summary>What the dwelling rules read: the dwelling, its APL ceiling and its programme's fragility.</summary>
/// <param name="Dwelling">The dwelling.</param>
/// <param name="Household">The household shape assumed for its size.</param>
/// <param name="AplCeiling">The APL rent ceiling for that shape, zone and date.</param>
/// <param name="Zone">APL zone of its commune.</param>
/// <param name="Margin">"Potentially accessible" margin above the ceiling.</param>
/// <param name="Fragility">Its programme's fragility.</param>
/// <param name="NotAssessedAreFragile">Policy: programmes not assessed count as fragile.</param>
public readonly record struct DwellingFacts(
    Dwelling Dwelling,
    TypologyHousehold Household,
    DatedValue<Euros> AplCeiling,
    AplZone Zone,
    Euros Margin,
    FragilityStatus Fragility,
    bool NotAssessedAreFragile)
{
    /// <summary>Rent at or below the APL ceiling.</summary>
    public bool Accessible => Dwelling.MonthlyRent <= AplCeiling.Value;

    /// <summary>Rent above the ceiling by at most the margin.</summary>
    public bool PotentiallyAccessible => Dwelling.MonthlyRent > AplCeiling.Value && Dwelling.MonthlyRent <= AplCeiling.Value + Margin;

    /// <summary>Counts as fragile under the policy.</summary>
    public bool CountsFragile => Fragility == FragilityStatus.Fragile || (Fragility == FragilityStatus.NotAssessed && NotAssessedAreFragile);
}

/// <summary>The dwelling rules (CIA Annexe 1, étapes 1–2): QPV, fragility, APL accessibility, rebalancing stock.</summary>
public static class DwellingRules
{
    /// <summary>The rule set's name.</summary>
    public const string Name = "dwelling";

    private const string Annexe1 = "Nantes CIA Annexe 1";

    /// <summary>The dwelling rule set.</summary>
    public static RuleSet<DwellingFacts> Rules { get; } = Build();

    private static RuleSet<DwellingFacts> Build()
    {
        var b = new RuleSetBuilder<DwellingFacts>(Name);
        b.Rule("STOCK-IN-QPV").Title("Dwelling in a QPV").Reference("Décret n° 2014-1750 (QPV 2015); décret n° 2023-1314 (QPV 2024)")
            .Description("The dwelling lies in a quartier prioritaire de la politique de la ville (RPLS QPV field).")
            .When(static (in DwellingFacts f) => f.Dwelling.InQpv)
            .Because(static (in DwellingFacts f) => $"in QPV {f.Dwelling.Qpv}");
        b.Rule("STOCK-FRAGILE").Title("Dwelling in a fragile programme").Reference(Annexe1 + ", étape 1")
            .Description("Its programme is fragile (or not assessed, when the policy counts those as fragile).")
            .When(static (in DwellingFacts f) => f.CountsFragile)
            .Because(static (in DwellingFacts f) => $"programme {f.Dwelling.Programme} is {Tokens<FragilityStatus>.Format(f.Fragility).Replace('_', ' ')}");
        b.Rule("STOCK-ACCESSIBLE").Title("Accessible dwelling (rent solvable by APL)").Reference(Annexe1 + ", étape 2; CCH R351-17-3 (APL ceilings)")
            .Description("Rent excluding charges at or below the APL rent ceiling of the household assumed for the dwelling size, in the commune's zone.")
            .When(static (in DwellingFacts f) => f.Accessible)
            .Because(static (in DwellingFacts f) => $"rent {f.Dwelling.MonthlyRent.ToDisplayString()} ≤ APL ceiling {f.AplCeiling.Value.ToDisplayString()} (zone {(int)f.Zone}, T{f.Dwelling.Rooms} → {f.Household.Describe()}, from {f.AplCeiling.From:yyyy-MM-dd})");
        b.Rule("STOCK-POTENTIALLY-ACCESSIBLE").Title("Potentially accessible dwelling").Reference(Annexe1 + ", étape 2 (\"30 € maximum au-dessus\")")
            .Description("Rent above the APL ceiling by at most the policy's margin (30 €).")
            .When(static (in DwellingFacts f) => f.PotentiallyAccessible)
            .Because(static (in DwellingFacts f) => $"APL ceiling {f.AplCeiling.Value.ToDisplayString()} < rent {f.Dwelling.MonthlyRent.ToDisplayString()} ≤ ceiling + {f.Margin.ToDisplayString()}");
        b.Rule("STOCK-REBALANCING").Title("In the rebalancing stock").Reference(Annexe1 + "; Nantes CIA Axe I §2")
            .Description("Outside QPV, in a non-fragile programme, accessible or potentially accessible: counts in the base of the mobilisable capacity.")
            .When(static (in DwellingFacts f) => !f.Dwelling.InQpv && !f.CountsFragile && (f.Accessible || f.PotentiallyAccessible))
            .Because(static (in DwellingFacts _) => "outside QPV, non-fragile programme, rent within reach of APL");
        return b.Build();
    }
}
