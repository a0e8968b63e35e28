using System.Globalization;
using System.Text.Json;
using CIA.Engine.Domain;
using CIA.Engine.IO;

namespace CIA.Service;

/// <summary>One application read from a request: its id and the values the rules read.</summary>
internal readonly record struct RequestApplication(string Id, HouseholdInput Household);

/// <summary>
/// Reads applications from JSON the way the demand file is read (docs/formats.md): the same field names, the same
/// bounds and cross-checks, and every problem reported at once with the JSON path of the field (<c>$[2].tax_income</c>).
/// Messages quote at most the offending value's kind, never another field of the application.
/// </summary>
internal static class ApplicationReader
{
    /// <summary>The fields an application may have; any other is refused (a misspelt field would otherwise be silently ignored).</summary>
    public static readonly string[] Fields =
    [
        "application_id", "registered_on", "persons_14_plus", "children_under_14", "dependants", "young_couple", "disabled_member",
        "monthly_resources", "tax_income", "employment", "is_mutation", "mutation_reason", "urban_renewal", "prefectoral_criteria",
        "reserved_by", "desired_communes", "current_dwelling_id",
    ];

    /// <summary>The fields that must be present.</summary>
    public static readonly string[] Required = ["application_id", "persons_14_plus", "children_under_14", "monthly_resources", "tax_income"];

    private const int MaxIdLength = 200;

    /// <summary>Reads one application at <paramref name="path"/>; adds its problems and returns null when it has any.</summary>
    public static RequestApplication? Read(JsonElement element, string path, Problems problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(path, $"an application is a JSON object, not {Kind(element)}.");
            return null;
        }

        var before = problems.Count;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                problems.Add(At(path, property.Name), "is given twice.");
            }
            else if (!Fields.Contains(property.Name, StringComparer.Ordinal))
            {
                problems.Add(At(path, property.Name), $"is not a field of an application (fields: {string.Join(", ", Fields)}).");
            }
        }

        foreach (var name in Required)
        {
            if (!element.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                problems.Add(At(path, name), "is required.");
            }
        }

        var r = new FieldReader(element, path, problems);
        var given = r.String("application_id", MaxIdLength); // null when absent or refused (too long, not a string)
        var id = given ?? string.Empty;
        if (given is not null && id.Trim().Length == 0)
        {
            problems.Add(At(path, "application_id"), "is empty: give the application's pseudonymous id.");
        }

        r.Date("registered_on");
        var persons = r.Int("persons_14_plus", 1, 50) ?? 1; // 0 is refused: a household has at least one person aged 14+, the applicant

        var children = r.Int("children_under_14", 0, 50) ?? 0;
        var dependants = r.Int("dependants", 0, 100) ?? children;
        if (dependants > persons + children - 1)
        {
            problems.Add(At(path, "dependants"), $"{dependants} dependants in a household of {persons + children}: at least one person is not a dependant.");
        }

        var young = r.Bool("young_couple") ?? false;
        if (young && (persons + children != 2 || dependants != 0))
        {
            problems.Add(At(path, "young_couple"), "true, but a young couple (jeune ménage) is two persons without dependants.");
        }

        var isMutation = r.Bool("is_mutation") ?? false;
        var reason = r.Token<MutationReason>("mutation_reason");
        if (reason != MutationReason.None && !isMutation)
        {
            problems.Add(At(path, "mutation_reason"), "a mutation reason is given but is_mutation is false.");
        }

        var current = r.String("current_dwelling_id", MaxIdLength);
        if (!string.IsNullOrEmpty(current) && !isMutation)
        {
            problems.Add(At(path, "current_dwelling_id"), "a current dwelling is given but is_mutation is false: only a mutation applicant, already a social tenant, lives in a social dwelling.");
        }

        r.Communes("desired_communes");
        var household = new HouseholdInput(
            persons,
            children,
            dependants,
            young,
            r.Bool("disabled_member") ?? false,
            r.Money("monthly_resources", DemandCsv.MaxMonthlyResources),
            r.Money("tax_income", DemandCsv.MaxTaxIncome),
            r.Flags<EmploymentStatus>("employment"),
            isMutation,
            reason,
            r.Token<UrbanRenewal>("urban_renewal"),
            r.Flags<PrefectoralCriteria>("prefectoral_criteria"),
            r.Token<Reservataire>("reserved_by"));
        return problems.Count == before ? new RequestApplication(id, household) : null;
    }

    /// <summary>The JSON path of a field of the object at <paramref name="path"/>.</summary>
    public static string At(string path, string field) => path + "." + field;

    /// <summary>A value's kind in words, for messages that must not quote it.</summary>
    public static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>Reads the fields of one object, adding a problem for each value of the wrong kind or out of bounds.</summary>
    private readonly struct FieldReader(JsonElement element, string path, Problems problems)
    {
        public bool Has(string name) => element.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

        private bool TryGet(string name, out JsonElement value) =>
            element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

        public string? String(string name, int maxLength)
        {
            if (!TryGet(name, out var v))
            {
                return null;
            }

            if (v.ValueKind != JsonValueKind.String)
            {
                problems.Add(At(path, name), $"must be a string, not {Kind(v)}.");
                return null;
            }

            var s = v.GetString()!;
            if (s.Length > maxLength)
            {
                problems.Add(At(path, name), $"is longer than {maxLength} characters.");
                return null;
            }

            return s;
        }

        public int? Int(string name, int min, int max)
        {
            if (!TryGet(name, out var v))
            {
                return null;
            }

            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var i))
            {
                problems.Add(At(path, name), $"must be a whole number from {min} to {max}, not {Kind(v)}{(v.ValueKind == JsonValueKind.Number ? " with a fraction or out of range" : string.Empty)}.");
                return null;
            }

            if (i < min || i > max)
            {
                problems.Add(At(path, name), string.Create(CultureInfo.InvariantCulture, $"{i} is out of range: give a whole number from {min} to {max}."));
                return null;
            }

            return i;
        }

        public bool? Bool(string name)
        {
            if (!TryGet(name, out var v))
            {
                return null;
            }

            if (v.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                problems.Add(At(path, name), $"must be true or false, not {Kind(v)}.");
                return null;
            }

            return v.GetBoolean();
        }

        public Euros Money(string name, Euros max)
        {
            if (!TryGet(name, out var v))
            {
                return default;
            }

            if (v.ValueKind != JsonValueKind.Number || !v.TryGetDecimal(out var d))
            {
                problems.Add(At(path, name), $"must be an amount in euros as a JSON number (e.g. 1234.56), not {Kind(v)}.");
                return default;
            }

            var cents = d * 100m;
            if (cents != decimal.Truncate(cents))
            {
                problems.Add(At(path, name), "has more than two decimals: give euros and cents.");
                return default;
            }

            if (d < 0 || d > max.Value)
            {
                problems.Add(At(path, name), $"is out of range: give an amount from 0 to {max.Value.ToString(CultureInfo.InvariantCulture)} (a larger one is surely a unit mistake).");
                return default;
            }

            return new Euros((long)cents);
        }

        public void Date(string name)
        {
            if (!TryGet(name, out var v))
            {
                return;
            }

            if (v.ValueKind != JsonValueKind.String
                || !DateOnly.TryParseExact(v.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                problems.Add(At(path, name), "must be a real date as a string yyyy-MM-dd, e.g. \"2024-03-15\".");
            }
        }

        public T Token<T>(string name)
            where T : struct, Enum
        {
            if (!TryGet(name, out var v))
            {
                return default;
            }

            if (v.ValueKind == JsonValueKind.String && Tokens<T>.TryParse(v.GetString(), out var value))
            {
                return value;
            }

            problems.Add(At(path, name), $"must be one of {Quoted(Tokens<T>.Accepted)}, or null.");
            return default;
        }

        public T Flags<T>(string name)
            where T : struct, Enum
        {
            if (!TryGet(name, out var v))
            {
                return default;
            }

            if (v.ValueKind != JsonValueKind.Array)
            {
                problems.Add(At(path, name), $"must be a list of {Quoted(Tokens<T>.Accepted)}, e.g. [\"{Tokens<T>.Accepted[0]}\"], not {Kind(v)}.");
                return default;
            }

            ulong bits = 0;
            var i = 0;
            foreach (var item in v.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } s && !s.Contains('|', StringComparison.Ordinal)
                    && Tokens<T>.TryParse(s, out var one))
                {
                    bits |= Convert.ToUInt64(one, CultureInfo.InvariantCulture);
                }
                else
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"{At(path, name)}[{i}]"), $"must be one of {Quoted(Tokens<T>.Accepted)}.");
                }

                i++;
            }

            return (T)Enum.ToObject(typeof(T), bits);
        }

        public void Communes(string name)
        {
            if (!TryGet(name, out var v))
            {
                return;
            }

            if (v.ValueKind != JsonValueKind.Array)
            {
                problems.Add(At(path, name), $"must be a list of INSEE commune codes, e.g. [\"44109\"], not {Kind(v)}.");
                return;
            }

            if (v.GetArrayLength() > DemandCsv.MaxDesiredCommunes)
            {
                problems.Add(At(path, name), $"more than {DemandCsv.MaxDesiredCommunes} communes asked for.");
                return;
            }

            var i = 0;
            foreach (var item in v.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String || !CommuneCode.TryParse(item.GetString(), out _))
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"{At(path, name)}[{i}]"), "must be an INSEE commune code, a string of five characters, e.g. \"44109\".");
                }

                i++;
            }
        }

        private static string Quoted(IEnumerable<string> tokens) => string.Join(", ", tokens.Select(t => '"' + t + '"'));
    }
}

/// <summary>Problems found in a request, by JSON path, in the order found.</summary>
internal sealed class Problems
{
    /// <summary>Most problems listed in one response: an array of 1 000 broken applications gives the first ones and says so.</summary>
    public const int Max = 200;

    private readonly Dictionary<string, List<string>> _byPath = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    public bool Truncated { get; private set; }

    public void Add(string path, string message)
    {
        Count++;
        if (Count > Max)
        {
            Truncated = true;
            return;
        }

        if (!_byPath.TryGetValue(path, out var list))
        {
            _byPath[path] = list = [];
        }

        list.Add(message);
    }

    public Dictionary<string, string[]> ToDictionary() => _byPath.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
}
