using System.Collections.Immutable;

namespace CIA.Engine.IO.Csv;

/// <summary>A column a file has: its documented name, the other names it may go by (e.g. RPLS names), and whether it must be there.</summary>
internal sealed class CsvColumn
{
    public CsvColumn(string name, bool required, params string[] aliases)
    {
        Name = name;
        Required = required;
        Aliases = aliases;
    }

    /// <summary>The documented name, as writers write it.</summary>
    public string Name { get; }

    /// <summary>Whether a file without it is rejected.</summary>
    public bool Required { get; }

    /// <summary>Other accepted header names (case-insensitive).</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>Position in its schema, set once by <see cref="CsvSchema"/>.</summary>
    public int Index { get; internal set; } = -1;

    /// <summary>Whether a header cell names this column.</summary>
    public bool Matches(string header) =>
        string.Equals(header, Name, StringComparison.OrdinalIgnoreCase) || Aliases.Any(a => string.Equals(header, a, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// The columns of one file format, in their documented order: the one place a column is named, read by the
/// file's reader and written by its writers (the generator, the simulator).
/// </summary>
internal sealed class CsvSchema
{
    public CsvSchema(params CsvColumn[] columns)
    {
        for (var i = 0; i < columns.Length; i++)
        {
            if (columns[i].Index >= 0)
            {
                throw new ArgumentException($"Column '{columns[i].Name}' already belongs to a schema.", nameof(columns));
            }

            columns[i].Index = i;
        }

        Columns = [.. columns];
        Names = [.. columns.Select(c => c.Name)];
    }

    public ImmutableArray<CsvColumn> Columns { get; }

    /// <summary>The documented names, in order: a writer's header.</summary>
    public ImmutableArray<string> Names { get; }

    /// <summary>The names of the required columns, for messages.</summary>
    public string RequiredNames => string.Join(", ", Columns.Where(c => c.Required).Select(c => c.Name));
}
