using System.Collections.Immutable;
using System.Globalization;
using CIA.Engine.IO;

namespace CIA.Engine.Domain;

/// <summary>
/// Builds an <see cref="Application"/> by name instead of by the record's twelve positional parameters, so that a
/// field added later does not break callers. Defaults: one person aged 14 or more, no children, dependants = the
/// children under 14 (as in the demand file), not a young couple, no disabled member, employment not stated, not a
/// mutation, no urban renewal, no prefectoral criterion, non contingentée, no commune asked for. The registration
/// date, the monthly resources and the tax income have no sensible default and must be given.
/// </summary>
/// <remarks>
/// <see cref="Build"/> checks what the demand file reader checks (<see cref="DemandCsv"/>) and lists every problem
/// in one <see cref="ArgumentException"/>; the message names the fields and the limits, never their values, so it
/// can be logged. Not thread-safe: use one builder per thread (the <see cref="Application"/> it builds is immutable).
/// </remarks>
/// <example>
/// <code>
/// var application = ApplicationBuilder.Create("DEMO-1")
///     .RegisteredOn(new DateOnly(2024, 3, 1))
///     .Adults(1).Children(2)
///     .MonthlyResources(1300m).TaxIncome(14000m)
///     .PrefectoralCriteria(PrefectoralCriteria.Dalo)
///     .DesiredCommunes("44109")
///     .Build();
/// </code>
/// </example>
public sealed class ApplicationBuilder
{
    private readonly DemandId _id;
    private DateOnly? _registeredOn;
    private int _adults = 1;
    private int _children;
    private int? _dependants;
    private bool _youngCouple;
    private bool _disabledMember;
    private decimal? _monthlyResources;
    private decimal? _taxIncome;
    private EmploymentStatus _employment;
    private bool _isMutation;
    private MutationReason _mutationReason;
    private string? _currentDwellingId;
    private UrbanRenewal _urbanRenewal;
    private PrefectoralCriteria _prefectoralCriteria;
    private Reservataire _reservedBy;
    private ImmutableArray<string> _desiredCommunes = [];

    private ApplicationBuilder(DemandId id) => _id = id;

    /// <summary>Starts an application with its pseudonymous id (never a name or a real register number).</summary>
    /// <param name="id">The id, as in the demand file's <c>id</c> column.</param>
    /// <exception cref="ArgumentException">The id is empty or blank.</exception>
    public static ApplicationBuilder Create(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return new ApplicationBuilder(new DemandId(id));
    }

    /// <summary>Starts an application with its pseudonymous id.</summary>
    /// <param name="id">The id.</param>
    /// <exception cref="ArgumentException">The id is empty or blank.</exception>
    public static ApplicationBuilder Create(DemandId id) => Create(id.Value);

    /// <summary>The date of first registration (seniority); required.</summary>
    public ApplicationBuilder RegisteredOn(DateOnly date)
    {
        _registeredOn = date;
        return this;
    }

    /// <summary>Persons aged 14 or more, the applicant included (default 1; at least 1).</summary>
    public ApplicationBuilder Adults(int persons14Plus)
    {
        _adults = persons14Plus;
        return this;
    }

    /// <summary>Children under 14 (default 0).</summary>
    public ApplicationBuilder Children(int childrenUnder14)
    {
        _children = childrenUnder14;
        return this;
    }

    /// <summary>Persons fiscally dependent (personnes à charge); by default the children under 14.</summary>
    public ApplicationBuilder Dependants(int dependants)
    {
        _dependants = dependants;
        return this;
    }

    /// <summary>A couple without dependants whose ages add up to 55 or less (jeune ménage, PLUS category 3).</summary>
    public ApplicationBuilder YoungCouple(bool youngCouple = true)
    {
        _youngCouple = youngCouple;
        return this;
    }

    /// <summary>A member of the household is disabled (moves the PLUS category up by one).</summary>
    public ApplicationBuilder DisabledMember(bool disabledMember = true)
    {
        _disabledMember = disabledMember;
        return this;
    }

    /// <summary>Declared monthly resources, housing benefit excluded (the quartile basis); required.</summary>
    public ApplicationBuilder MonthlyResources(Euros monthly) => MonthlyResources(monthly.Value);

    /// <summary>Declared monthly resources in euros (at most two decimals); required.</summary>
    public ApplicationBuilder MonthlyResources(decimal euros)
    {
        _monthlyResources = euros;
        return this;
    }

    /// <summary>Revenu fiscal de référence (the PLUS-ceiling basis); required.</summary>
    public ApplicationBuilder TaxIncome(Euros yearly) => TaxIncome(yearly.Value);

    /// <summary>Revenu fiscal de référence in euros (at most two decimals); required.</summary>
    public ApplicationBuilder TaxIncome(decimal euros)
    {
        _taxIncome = euros;
        return this;
    }

    /// <summary>Employment situations (default none stated).</summary>
    public ApplicationBuilder Employment(EmploymentStatus employment)
    {
        _employment = employment;
        return this;
    }

    /// <summary>The applicant is already a social tenant asking to move (a mutation), for the reason given.</summary>
    /// <param name="reason">Why the tenant asks to move (<see cref="Domain.MutationReason.None"/> when not stated).</param>
    /// <param name="currentDwellingId">The id of the social dwelling the tenant lives in, as in the stock file, if known.</param>
    public ApplicationBuilder Mutation(MutationReason reason = Domain.MutationReason.None, string? currentDwellingId = null)
    {
        _isMutation = true;
        _mutationReason = reason;
        _currentDwellingId = string.IsNullOrWhiteSpace(currentDwellingId) ? null : currentDwellingId.Trim();
        return this;
    }

    /// <summary>Relocation by an urban-renewal operation (default none).</summary>
    public ApplicationBuilder UrbanRenewal(UrbanRenewal urbanRenewal)
    {
        _urbanRenewal = urbanRenewal;
        return this;
    }

    /// <summary>The préfet's priority criteria met (default none); flags combine with <c>|</c>.</summary>
    public ApplicationBuilder PrefectoralCriteria(PrefectoralCriteria criteria)
    {
        _prefectoralCriteria = criteria;
        return this;
    }

    /// <summary>The réservataire whose contingent labels the application (default none: non contingentée).</summary>
    public ApplicationBuilder ReservedBy(Reservataire reservataire)
    {
        _reservedBy = reservataire;
        return this;
    }

    /// <summary>Communes asked for, in the applicant's order (replaces any given before).</summary>
    public ApplicationBuilder DesiredCommunes(params CommuneCode[] communes)
    {
        ArgumentNullException.ThrowIfNull(communes);
        _desiredCommunes = [.. communes.Select(c => c.Value ?? string.Empty)];
        return this;
    }

    /// <summary>Communes asked for as INSEE codes (e.g. <c>44109</c>), in the applicant's order (replaces any given before).</summary>
    public ApplicationBuilder DesiredCommunes(params string[] inseeCodes)
    {
        ArgumentNullException.ThrowIfNull(inseeCodes);
        _desiredCommunes = [.. inseeCodes.Select(c => c ?? string.Empty)];
        return this;
    }

    /// <summary>The application.</summary>
    /// <exception cref="ArgumentException">A required field is missing or a value is out of range; the message lists every problem.</exception>
    public Application Build()
    {
        var problems = new List<string>();
        if (_registeredOn is null)
        {
            problems.Add("the registration date is required (RegisteredOn).");
        }

        if (_adults < 1)
        {
            problems.Add("a household has at least one person aged 14 or more (the applicant).");
        }
        else if (_adults > 50)
        {
            problems.Add("persons aged 14 or more: at most 50.");
        }

        if (_children is < 0 or > 50)
        {
            problems.Add("children under 14: from 0 to 50.");
        }

        var dependants = _dependants ?? Math.Max(_children, 0);
        if (dependants < 0)
        {
            problems.Add("dependants cannot be negative.");
        }
        else if (_adults >= 1 && dependants > _adults + _children - 1)
        {
            problems.Add("there are as many dependants as persons: at least one person is not a dependant.");
        }

        if (_youngCouple && (_adults + _children != 2 || dependants != 0))
        {
            problems.Add("a young couple (jeune ménage) is two persons without dependants.");
        }

        var monthly = Amount(_monthlyResources, "monthly resources (MonthlyResources)", DemandCsv.MaxMonthlyResources, problems);
        var tax = Amount(_taxIncome, "tax income (TaxIncome)", DemandCsv.MaxTaxIncome, problems);
        var communes = ImmutableArray.CreateBuilder<CommuneCode>(_desiredCommunes.Length);
        for (var i = 0; i < _desiredCommunes.Length; i++)
        {
            if (CommuneCode.TryParse(_desiredCommunes[i], out var code))
            {
                communes.Add(code);
            }
            else
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"desired commune {i + 1} is not an INSEE commune code (five characters, e.g. 44109)."));
            }
        }

        if (_desiredCommunes.Length > DemandCsv.MaxDesiredCommunes)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"more than {DemandCsv.MaxDesiredCommunes} communes asked for."));
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"Application {_id} cannot be built: " + string.Join(" ", problems));
        }

        return new Application(
            _id,
            _registeredOn!.Value,
            new Household(_adults, _children, dependants, _youngCouple, _disabledMember),
            monthly,
            tax,
            _employment,
            _isMutation,
            _mutationReason,
            _urbanRenewal,
            _prefectoralCriteria,
            _reservedBy,
            communes.DrainToImmutable())
        {
            CurrentDwellingId = _currentDwellingId,
        };
    }

    private static Euros Amount(decimal? euros, string what, Euros max, List<string> problems)
    {
        if (euros is not { } e)
        {
            problems.Add($"{what} is required.");
        }
        else if (e < 0m || e > max.Value)
        {
            problems.Add($"{what}: from 0 to {max}.");
        }
        else if (decimal.Round(e, 2) != e)
        {
            problems.Add($"{what}: at most two decimals (cents).");
        }
        else
        {
            return Euros.FromEuros(e);
        }

        return Euros.Zero;
    }
}
