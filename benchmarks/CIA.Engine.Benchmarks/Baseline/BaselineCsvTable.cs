// Frozen baseline: the pre-rewrite CSV table and row reader from commit 0889f36 (src/CIA.Engine/IO/CsvTable.cs), CsvHelper 33.0.1's
// CsvParser and one immutable record per row. Kept only so that ReaderBenchmarks can compare the old reader with the
// new one on the same files; never used by the library or the CLI. Changes from 0889f36, none in the parsing logic:
// namespace, and enum tokens parsed through OldTokens (the 0889f36 Tokens<T> parsing, since rewritten in the library).

using System.Globalization;
using CIA.Engine.Domain;
using CIA.Engine.IO;
using CsvHelper;
using CsvHelper.Configuration;

namespace CIA.Engine.Benchmarks.Baseline;

/// <summary>A column a reader expects: its name, the other names it may go by (e.g. RPLS names), and whether it must be there.</summary>
/// <param name="Name">The documented name.</param>
/// <param name="Required">Whether a file without it is rejected.</param>
/// <param name="Aliases">Other accepted header names (case-insensitive).</param>
internal sealed record CsvColumn(string Name, bool Required, params string[] Aliases);

/// <summary>
/// Reads a delimited file (<c>;</c> or <c>,</c>, detected from the header) through CsvHelper's parser and gives
/// typed cells while collecting every problem with file, line and column. Readers declare their columns,
/// read each row, and throw one <see cref="InputException"/> at the end if anything was wrong.
/// </summary>
internal sealed class CsvTable : IDisposable
{
    private readonly CsvParser _parser;
    private readonly Dictionary<CsvColumn, int> _index = [];
    private readonly Dictionary<string, int> _idLines = new(StringComparer.Ordinal);

    public CsvTable(TextReader reader, string file, IReadOnlyList<CsvColumn> columns)
    {
        File = file;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [";", ",", "\t"],
            TrimOptions = TrimOptions.Trim,
            BadDataFound = null,
        };
        _parser = new CsvParser(reader, config);
        if (!_parser.Read())
        {
            Problem(1, 0, string.Empty, "the file is empty: expected a header line with the columns " + string.Join(", ", columns.Where(c => c.Required).Select(c => c.Name)) + ".");
            return;
        }

        var header = _parser.Record ?? [];
        var positions = header.Select((h, i) => (h: h.Trim().TrimStart('\uFEFF'), i)).ToList();
        foreach (var column in columns)
        {
            var match = positions.FirstOrDefault(p => string.Equals(p.h, column.Name, StringComparison.OrdinalIgnoreCase)
                || column.Aliases.Any(a => string.Equals(p.h, a, StringComparison.OrdinalIgnoreCase)));
            if (match.h is not null)
            {
                _index[column] = match.i;
            }
            else if (column.Required)
            {
                var also = column.Aliases.Length > 0 ? $" (or {string.Join(", ", column.Aliases)})" : string.Empty;
                Problem(1, 0, column.Name, $"missing column '{column.Name}'{also}.");
            }
        }

        HeaderOk = Problems.Count == 0;
    }

    public string File { get; }

    public bool HeaderOk { get; }

    public List<InputProblem> Problems { get; } = [];

    public bool Has(CsvColumn column) => _index.ContainsKey(column);

    public IEnumerable<CsvRowReader> Rows()
    {
        if (!HeaderOk)
        {
            yield break;
        }

        while (_parser.Read())
        {
            var record = _parser.Record ?? [];
            if (record.Length == 1 && record[0].Length == 0)
            {
                continue; // blank line
            }

            yield return new CsvRowReader(this, _parser.RawRow, record);
        }
    }

    /// <summary>Reads a row's id (required) and reports it when an earlier line already used it.</summary>
    public string UniqueId(CsvRowReader row, CsvColumn column)
    {
        var id = row.Text(column);
        if (id.Length > 0 && !_idLines.TryAdd(id, row.Line))
        {
            row.Problem(column, $"'{id}' is already used on line {_idLines[id]}: ids must be unique.");
        }

        return id;
    }

    public void Problem(int line, int column, string columnName, string message) => Problems.Add(new InputProblem(File, line, column, columnName, message));

    public void ThrowIfProblems()
    {
        if (Problems.Count > 0)
        {
            throw new InputException(Problems);
        }
    }

    public void Dispose() => _parser.Dispose();

    internal int IndexOf(CsvColumn column) => _index.TryGetValue(column, out var i) ? i : -1;
}

/// <summary>Typed access to one row's cells; every failed conversion is recorded as a problem and yields a fallback.</summary>
internal readonly struct CsvRowReader
{
    private readonly CsvTable _table;
    private readonly string[] _fields;

    public CsvRowReader(CsvTable table, int line, string[] fields)
    {
        _table = table;
        Line = line;
        _fields = fields;
    }

    public int Line { get; }

    public string Raw(CsvColumn column)
    {
        var i = _table.IndexOf(column);
        return i >= 0 && i < _fields.Length ? _fields[i] : string.Empty;
    }

    public void Problem(CsvColumn column, string message) => _table.Problem(Line, _table.IndexOf(column) + 1, column.Name, message);

    public void LineProblem(string message) => _table.Problem(Line, 0, string.Empty, message);

    public string Text(CsvColumn column, bool required = true)
    {
        var s = Raw(column);
        if (required && s.Length == 0)
        {
            Problem(column, "empty: a value is required.");
        }

        return s;
    }

    public int Int(CsvColumn column, int min, int max, int fallback = 0)
    {
        var s = Raw(column);
        if (s.Length == 0 && !_table.Has(column))
        {
            return fallback;
        }

        if (!int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
        {
            Problem(column, $"'{Cut(s)}' is not a whole number.");
            return fallback;
        }

        if (v < min || v > max)
        {
            Problem(column, $"{v} is out of range: expected {min} to {max}.");
            return fallback;
        }

        return v;
    }

    public int? OptionalInt(CsvColumn column, int min, int max) => Raw(column).Length == 0 ? null : Int(column, min, max);

    public Euros Money(CsvColumn column, bool allowNegative = false)
    {
        var s = Raw(column);
        if (!Euros.TryParse(s, out var v))
        {
            Problem(column, s.Length == 0 ? "empty: expected an amount in euros (e.g. 1234.56)." : $"'{Cut(s)}' is not an amount in euros (digits with '.' for decimals, at most 2 decimals).");
            return Euros.Zero;
        }

        if (!allowNegative && v < Euros.Zero)
        {
            Problem(column, $"{v} is negative: expected 0 or more.");
            return Euros.Zero;
        }

        return v;
    }

    public decimal? OptionalDecimal(CsvColumn column, decimal min)
    {
        var s = Raw(column);
        if (s.Length == 0)
        {
            return null;
        }

        if (!decimal.TryParse(s, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) || v < min)
        {
            Problem(column, $"'{Cut(s)}' is not a number of at least {min.ToString(CultureInfo.InvariantCulture)}.");
            return null;
        }

        return v;
    }

    public Rate Share(CsvColumn column)
    {
        var s = Raw(column);
        if (!decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) || v > 1)
        {
            Problem(column, $"'{Cut(s)}' is not a share between 0 and 1 (e.g. 0.35).");
            return default;
        }

        return new Rate(v);
    }

    public DateOnly Date(CsvColumn column)
    {
        var s = Raw(column);
        if (!DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            Problem(column, $"'{Cut(s)}' is not an ISO date (yyyy-MM-dd).");
        }

        return d;
    }

    public bool Bool(CsvColumn column, bool fallback = false)
    {
        var s = Raw(column);
        if (s.Length == 0 && !_table.Has(column))
        {
            return fallback;
        }

        switch (s.ToUpperInvariant())
        {
            case "TRUE" or "1":
                return true;
            case "FALSE" or "0":
                return false;
            default:
                Problem(column, $"'{Cut(s)}' is not true or false.");
                return fallback;
        }
    }

    public T Token<T>(CsvColumn column, bool allowEmpty)
        where T : struct, Enum
    {
        var s = Raw(column);
        if ((s.Length == 0 && !allowEmpty) || !OldTokens<T>.TryParse(s, out var v))
        {
            Problem(column, $"'{Cut(s)}' is not one of: {string.Join(", ", OldTokens<T>.Accepted)}{(allowEmpty ? " (or empty)" : string.Empty)}.");
            return default;
        }

        return v;
    }

    public T Flags<T>(CsvColumn column)
        where T : struct, Enum
    {
        if (!OldTokens<T>.TryParseFlags(Raw(column), out var v, out var unknown))
        {
            Problem(column, $"'{Cut(unknown ?? string.Empty)}' is not one of: {string.Join(", ", OldTokens<T>.Accepted)} ('|'-separated, or empty).");
        }

        return v;
    }

    // Cells are quoted in messages so a person can find and fix them; cut long ones.
    private static string Cut(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
