using System.Globalization;
using CIA.Engine.Domain;
using CIA.Engine.Tables;
using Sylvan.Data.Csv;

namespace CIA.Engine.IO.Csv;

/// <summary>
/// Reads a delimited file (<c>;</c>, <c>,</c> or tab, detected from the header) row by row through Sylvan.Data.Csv and
/// gives typed cells parsed straight from the characters (no string per field), collecting every problem with file,
/// physical line, column number and name. Readers declare a <see cref="CsvSchema"/>, call <see cref="Read"/> and the
/// typed accessors, and throw one <see cref="InputException"/> at the end.
/// </summary>
/// <remarks>
/// Bounds, so that no input can make a reader run away: a record is at most <see cref="MaxRecordChars"/> characters
/// (longer means an unclosed quote or not a CSV file); after <see cref="MaxProblems"/> problems reading stops and the
/// exception says so. Lines are physical lines of the file, as an editor numbers them: every LF, CRLF and lone CR ends
/// one, including those inside quoted fields, in any column; blank lines (before the header too) are skipped.
/// </remarks>
internal sealed class CsvTable : IDisposable
{
    /// <summary>Problems reported before reading stops.</summary>
    public const int MaxProblems = 1000;

    /// <summary>Longest record accepted, in characters.</summary>
    public const int MaxRecordChars = 1 << 16;

    /// <summary>Longest id, code or text cell accepted, in characters.</summary>
    public const int MaxTextChars = 200;

    private const char NoComment = '\0'; // Sylvan skips comment lines; make that a NUL, which no text file starts a line with, and report it.

    /// <summary>Rows read before the row count of a file is estimated from its size (measured: fewer give biased estimates).</summary>
    public const int RowsBeforeEstimate = 1 << 20;

    /// <summary>The room columns start with when the size of the input is not known; they grow until the estimate.</summary>
    public const int InitialRows = 1024;

    /// <summary>
    /// The room columns start with for this input: for a file, a lower bound of its row count (rows of 256 bytes, far
    /// longer than ours or RPLS's useful columns), at most <see cref="RowsBeforeEstimate"/>; growing by small steps up to
    /// a million rows would cost a large-object allocation and a full collection at each step.
    /// </summary>
    public int StartRows => Stream is { CanSeek: true } s ? (int)Math.Clamp(s.Length / 256, InitialRows, RowsBeforeEstimate) : InitialRows;

    private readonly CsvDataReader? _reader;
    private readonly int[] _ordinals;
    private readonly Utf8Counter? _utf8;
    private int _fieldCount;
    private string[] _names = [];
    private int _utf8Reported;
    private int _nextLine;
    private int _rowProblems;

    /// <summary>Opens a file from disk.</summary>
    /// <exception cref="InputException">The path is not a readable file.</exception>
    public static CsvTable Open(string path, CsvSchema schema)
    {
        var utf8 = new Utf8Counter();
        var reader = InputFiles.OpenText(path, utf8);
        return new CsvTable(reader, path, schema, utf8) { Stream = reader.BaseStream };
    }

    /// <summary>Opens a file, reads it with <paramref name="read"/> and closes it: every reader's one way in from a path.</summary>
    /// <exception cref="InputException">The path is not a readable file, or <paramref name="read"/> found problems.</exception>
    public static T Read<T>(string path, CsvSchema schema, Func<CsvTable, T> read)
    {
        using var table = Open(path, schema);
        return read(table);
    }

    /// <summary>Reads text with <paramref name="read"/>: every reader's one way in from a <see cref="TextReader"/>.</summary>
    /// <exception cref="InputException"><paramref name="read"/> found problems.</exception>
    public static T Read<T>(TextReader reader, string file, CsvSchema schema, Func<CsvTable, T> read)
    {
        using var table = new CsvTable(reader, file, schema);
        return read(table);
    }

    /// <summary>Reads already-decoded text (tests, the built-in data set).</summary>
    public CsvTable(TextReader reader, string file, CsvSchema schema)
        : this(reader, file, schema, null)
    {
    }

    private CsvTable(TextReader reader, string file, CsvSchema schema, Utf8Counter? utf8)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(schema);
        File = file;
        Schema = schema;
        _utf8 = utf8;
        _ordinals = new int[schema.Columns.Length];
        Array.Fill(_ordinals, -1);
        Problems = new ProblemList(file);
        var options = new CsvDataReaderOptions
        {
            // The header is read as a record like the others, so that it is found after blank or damaged lines and a
            // failure in it or in the first row is reported at its own line (Sylvan reads both while opening otherwise).
            HasHeaders = false,
            Comment = NoComment,
            CommentHandler = (Action<string>)(_ => Problems.Add(_nextLine++, 0, string.Empty, "starts with a NUL character: this is not a text file, or it is damaged.")),
            BufferSize = 1 << 14,
            MaxBufferSize = MaxRecordChars,
            OwnsReader = true,
        };

        _nextLine = 1;
        try
        {
            _reader = CsvDataReader.Create(new LineEndReader(reader), options);
        }
        catch (Exception e) when (e is CsvFormatException or IOException)
        {
            reader.Dispose();
            Problems.Fatal(_nextLine, FormatMessage(e));
            return;
        }

        ReadHeader();
    }

    public string File { get; }

    private Stream? Stream { get; init; }

    /// <summary>
    /// How many rows the whole file probably has, from its size and the bytes the rows read so far took (null when not
    /// reading a file). Readers size their columns with it, so that they neither grow repeatedly nor end with much
    /// unused room. The bytes buffered ahead of the parser (at most some 150 kB) are allowed for.
    /// </summary>
    public int? EstimateRows(int rowsSoFar)
    {
        if (Stream is not { CanSeek: true } s || rowsSoFar <= 0)
        {
            return null;
        }

        var consumed = Math.Max(1, s.Position - (3 * InputFiles.BufferSize / 2));
        var estimate = (double)s.Length / consumed * rowsSoFar;
        return (int)Math.Clamp(estimate, rowsSoFar, Array.MaxLength / 8);
    }

    public CsvSchema Schema { get; }

    /// <summary>Every problem so far.</summary>
    public ProblemList Problems { get; }

    /// <summary>The header has every required column, each once.</summary>
    public bool HeaderOk { get; private set; }

    /// <summary>Physical line where the current row starts.</summary>
    public int Line { get; private set; }

    /// <summary>No problem was found in the current row so far.</summary>
    public bool RowOk => Problems.Count == _rowProblems && !Problems.Stopped;

    /// <summary>Whether the file has a column (optional ones may be absent).</summary>
    public bool Has(CsvColumn column) => _ordinals[column.Index] >= 0;

    /// <summary>Advances to the next row that has the header's number of fields; false at the end, or when reading must stop.</summary>
    public bool Read()
    {
        if (_reader is null || !HeaderOk)
        {
            return false;
        }

        while (NextRecord())
        {
            _rowProblems = Problems.Count;
            var fields = _reader.RowFieldCount;
            if (fields == 1 && _reader.GetFieldSpan(0).IsWhiteSpace())
            {
                continue; // a blank line
            }

            CheckUtf8(fields);
            if (fields != _fieldCount)
            {
                LineProblem(fields < _fieldCount
                    ? $"has {fields} fields where the header has {_fieldCount}: the row is cut short, or a separator is missing."
                    : $"has {fields} fields where the header has {_fieldCount}: a value holds an unquoted separator, or the row has an extra one.");
                continue;
            }

            return true;
        }

        return false;
    }

    /// <summary>
    /// Reads the next record and sets <see cref="Line"/> to the line it starts on; false at the end, or when reading
    /// must stop. Lines are counted from the record's raw text, so a quoted line break in any column counts, whether
    /// or not the reader looks at that column, and once only.
    /// </summary>
    private bool NextRecord()
    {
        if (Problems.Stopped)
        {
            return false;
        }

        try
        {
            if (!_reader!.Read())
            {
                return false;
            }
        }
        catch (Exception e) when (e is CsvFormatException or IOException)
        {
            Problems.Fatal(_nextLine, FormatMessage(e));
            return false;
        }

        // NUL lines before the record were counted by the comment handler while Read skipped them.
        Line = _nextLine;
        var raw = _reader.GetRawRecordSpan();
        var breaks = raw.Count('\n'); // LineEndReader made every line break end with LF
        _nextLine += raw.Length > 0 && raw[^1] == '\n' ? breaks : breaks + 1;
        return true;
    }

    /// <summary>
    /// Reads the next row of a file whose rows have an id: records the id (for the duplicate check) and, once enough
    /// rows are read to estimate the file's row count, sizes the id column and <paramref name="sink"/> for it.
    /// </summary>
    public bool ReadWithId(IdColumnBuilder ids, CsvColumn idColumn, object? sink, out ReadOnlySpan<char> id)
    {
        id = default;
        if (!Read())
        {
            return false;
        }

        // Estimated once, on a sample large enough to be typical: a national stock's first rows are shorter than most
        // (6.1 M dwellings estimated from 64 K rows, 5.5 M from 1 M, for 5.4 M). Columns grow by steps until then.
        if (ids.Count == RowsBeforeEstimate && EstimateRows(ids.Count) is { } estimate)
        {
            var rows = (int)Math.Max(ids.Count, estimate * 1.02);
            ids.Reserve(rows);
            (sink as IRowReserve)?.Reserve(rows);
        }

        id = Text(idColumn);
        ids.Add(id, Line);
        return true;
    }

    /// <summary>The trimmed text of a cell (empty when the column is absent).</summary>
    public ReadOnlySpan<char> Cell(CsvColumn column)
    {
        var ordinal = _ordinals[column.Index];
        return ordinal < 0 ? default : TrimBlanks(_reader!.GetFieldSpan(ordinal));
    }

    // Most cells have no surrounding blank: two comparisons, where a general Trim costs a search.
    private static ReadOnlySpan<char> TrimBlanks(ReadOnlySpan<char> s)
    {
        var start = 0;
        var end = s.Length;
        while (start < end && s[start] is ' ' or '\t')
        {
            start++;
        }

        while (end > start && s[end - 1] is ' ' or '\t')
        {
            end--;
        }

        return s[start..end];
    }

    /// <summary>Records a problem in a cell of the current row.</summary>
    public void Problem(CsvColumn column, string message) => Problems.Add(Line, _ordinals[column.Index] + 1, column.Name, message);

    /// <summary>Records a problem in a column on another line than the current one (duplicates found after reading).</summary>
    public void ProblemAt(int line, CsvColumn column, string message) => Problems.Add(line, _ordinals[column.Index] + 1, column.Name, message);

    /// <summary>Records a problem about the whole current row.</summary>
    public void LineProblem(string message) => Problems.Add(Line, 0, string.Empty, message);

    /// <summary>Throws every problem found, if any.</summary>
    public void ThrowIfProblems() => Problems.ThrowIfAny();

    public void Dispose() => _reader?.Dispose();

    // ---- typed cells: each records a problem and returns a fallback when the cell is not what is expected ----

    /// <summary>A non-empty text of printable characters, at most <see cref="MaxTextChars"/> long.</summary>
    public ReadOnlySpan<char> Text(CsvColumn column, bool required = true)
    {
        var s = Cell(column);
        if (s.Length == 0)
        {
            if (required)
            {
                Problem(column, "empty: a value is required.");
            }

            return s;
        }

        if (s.Length > MaxTextChars)
        {
            Problem(column, $"is {Counts.Of(s.Length)} characters long: at most {MaxTextChars} are accepted here.");
            return default;
        }

        foreach (var c in s)
        {
            if (char.IsControl(c))
            {
                Problem(column, c is '\n' or '\r' ? "holds a line break: ids, codes and names must be on one line." : $"holds the control character U+{(int)c:X4}.");
                return default;
            }
        }

        return s;
    }

    /// <summary>A whole number between bounds; digits only, with a leading minus only when <paramref name="min"/> is negative.</summary>
    public int Int(CsvColumn column, int min, int max, int fallback = 0)
    {
        var s = Cell(column);
        if (s.Length == 0 && !Has(column))
        {
            return fallback;
        }

        if (!CsvCells.TryParseInteger(s, min < 0, out var v))
        {
            Problem(column, s.Length == 0 ? "empty: expected a whole number." : $"'{Cut(s)}' is not a whole number{(min < 0 ? string.Empty : " (digits only, no sign)")}.");
            return fallback;
        }

        if (v < min || v > max)
        {
            Problem(column, $"{v} is out of range: expected {min} to {max}.");
            return fallback;
        }

        return (int)v;
    }

    /// <summary>A whole number, or null when the cell is empty.</summary>
    public int? OptionalInt(CsvColumn column, int min, int max) => Cell(column).Length == 0 ? null : Int(column, min, max);

    /// <summary>An amount in euros (at most two decimals, <c>.</c> as the decimal separator), in cents, within bounds.</summary>
    public long Money(CsvColumn column, long maxCents, bool allowNegative = false)
    {
        var s = Cell(column);
        if (!CsvCells.TryParseCents(s, allowNegative, out var cents))
        {
            Problem(column, s.Length == 0 ? "empty: expected an amount in euros (e.g. 1234.56)."
                : s[0] == '-' && !allowNegative ? $"'{Cut(s)}' is negative: expected 0 or more."
                : $"'{Cut(s)}' is not an amount in euros (digits with '.' for decimals, at most 2 decimals).");
            return 0;
        }

        if (cents > maxCents)
        {
            Problem(column, $"{new Euros(cents)} is above {new Euros(maxCents)}, the most accepted here: check the unit (euros, not cents) and the decimal separator.");
            return 0;
        }

        return cents;
    }

    /// <summary>A decimal number at least <paramref name="min"/>, or null when empty.</summary>
    public decimal? OptionalDecimal(CsvColumn column, decimal min, decimal max)
    {
        var s = Cell(column);
        if (s.Length == 0)
        {
            return null;
        }

        if (!CsvCells.TryParseDecimal(s, out var v) || v < min || v > max)
        {
            Problem(column, $"'{Cut(s)}' is not a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)} ('.' for decimals).");
            return null;
        }

        return v;
    }

    /// <summary>A share between 0 and 1.</summary>
    public Rate Share(CsvColumn column)
    {
        var s = Cell(column);
        if (!CsvCells.TryParseDecimal(s, out var v) || v > 1)
        {
            Problem(column, $"'{Cut(s)}' is not a share between 0 and 1 (e.g. 0.35).");
            return default;
        }

        return new Rate(v);
    }

    /// <summary>An ISO date <c>yyyy-MM-dd</c>.</summary>
    public DateOnly Date(CsvColumn column)
    {
        var s = Cell(column);
        if (!CsvCells.TryParseIsoDate(s, out var d))
        {
            Problem(column, s.Length == 0 ? "empty: expected an ISO date (yyyy-MM-dd)." : $"'{Cut(s)}' is not an ISO date (yyyy-MM-dd) that a calendar has.");
        }

        return d;
    }

    /// <summary><c>true</c>/<c>false</c> (or <c>1</c>/<c>0</c>), any case.</summary>
    public bool Bool(CsvColumn column, bool fallback = false)
    {
        var s = Cell(column);
        if (s.Length == 0 && !Has(column))
        {
            return fallback;
        }

        if (s.Equals("true", StringComparison.OrdinalIgnoreCase) || s is "1")
        {
            return true;
        }

        if (s.Equals("false", StringComparison.OrdinalIgnoreCase) || s is "0")
        {
            return false;
        }

        Problem(column, $"'{Cut(s)}' is not true or false.");
        return fallback;
    }

    /// <summary>One token of an enum (see <see cref="TokenAttribute"/>).</summary>
    public T Token<T>(CsvColumn column, bool allowEmpty)
        where T : struct, Enum
    {
        var s = Cell(column);
        if ((s.Length == 0 && !allowEmpty) || !Tokens<T>.TryParse(s, out var v))
        {
            Problem(column, $"'{Cut(s)}' is not one of: {string.Join(", ", Tokens<T>.Accepted)}{(allowEmpty ? " (or empty)" : string.Empty)}.");
            return default;
        }

        return v;
    }

    /// <summary>A <c>|</c>-separated list of an enum's tokens, as flags.</summary>
    public T Flags<T>(CsvColumn column)
        where T : struct, Enum
    {
        if (!Tokens<T>.TryParseFlags(Cell(column), out var v, out var unknown))
        {
            Problem(column, $"'{Cut(unknown)}' is not one of: {string.Join(", ", Tokens<T>.Accepted)} ('|'-separated, or empty).");
        }

        return v;
    }

    /// <summary>A cell quoted in a message: only the offending cell, cut when long (application files describe real people).</summary>
    public static string Cut(ReadOnlySpan<char> s)
    {
        var shown = s.Length <= 40 ? s.ToString() : string.Concat(s[..40], "…");
        return shown.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
    }

    private void ReadHeader()
    {
        // The header is the first line that is not blank.
        var reader = _reader!;
        var found = false;
        while (!found && NextRecord())
        {
            found = reader.RowFieldCount > 1 || !reader.GetFieldSpan(0).IsWhiteSpace();
        }

        if (Problems.Stopped)
        {
            return;
        }

        if (!found)
        {
            Problems.Add(1, 0, string.Empty, Problems.Count == 0 && Line == 0
                ? $"the file is empty: expected a header line with the columns {Schema.RequiredNames}."
                : $"has no header line, only blank or damaged lines: expected a header line with the columns {Schema.RequiredNames}.");
            return;
        }

        var before = Problems.Count;
        _fieldCount = reader.RowFieldCount;
        _names = new string[_fieldCount];
        for (var i = 0; i < _fieldCount; i++)
        {
            _names[i] = reader.GetFieldSpan(i).Trim().TrimStart('\uFEFF').Trim().ToString();
            if (_names[i].Contains('\uFFFD', StringComparison.Ordinal) && _utf8 is { Count: > 0 })
            {
                Problems.Add(Line, i + 1, _names[i], InputFiles.NotUtf8);
                _utf8Reported++;
            }
        }

        foreach (var column in Schema.Columns)
        {
            var matches = new List<int>();
            for (var i = 0; i < _names.Length; i++)
            {
                if (column.Matches(_names[i]))
                {
                    matches.Add(i);
                }
            }

            if (matches.Count == 1)
            {
                _ordinals[column.Index] = matches[0];
            }
            else if (matches.Count > 1)
            {
                Problems.Add(Line, matches[1] + 1, column.Name, $"column '{column.Name}' appears {matches.Count} times in the header (columns {string.Join(", ", matches.Select(f => f + 1))}): keep one.");
            }
            else if (column.Required)
            {
                var also = column.Aliases.Count > 0 ? $" (or {string.Join(", ", column.Aliases)})" : string.Empty;
                Problems.Add(Line, 0, column.Name, $"missing column '{column.Name}'{also}.");
            }
        }

        // NUL lines before the header are reported, but do not stop the rows from being checked.
        HeaderOk = Problems.Count == before;
    }

    private void CheckUtf8(int fields)
    {
        if (_utf8 is null || _utf8.Count <= _utf8Reported)
        {
            return; // the common case: no bad byte decoded so far, nothing to look for
        }

        var reader = _reader!;
        for (var i = 0; i < fields; i++)
        {
            if (reader.GetFieldSpan(i).Contains('\uFFFD'))
            {
                Problems.Add(Line, i + 1, i < _fieldCount ? _names[i] : string.Empty, InputFiles.NotUtf8);
                _utf8Reported++;
            }
        }
    }

    private static string FormatMessage(Exception e) => e switch
    {
        CsvInvalidCharacterException => "a quoted value starting on this line is not closed properly: a quote must be doubled inside quotes and followed by a separator or the end of the line. Reading stopped here: the rest of the file was not checked.",
        CsvRecordTooLargeException => $"a record starting here is longer than {Counts.Of(MaxRecordChars)} characters: a quote is probably not closed, or this is not a CSV file. Reading stopped here: the rest of the file was not checked.",
        IOException io => $"could not be read: {io.Message}",
        _ => $"is not well-formed CSV here: {e.Message}",
    };
}

/// <summary>The problems of one file, bounded: after <see cref="CsvTable.MaxProblems"/> the reader stops and says where.</summary>
internal sealed class ProblemList(string file)
{
    private readonly List<InputProblem> _problems = [];
    private InputProblem? _stopNotice;

    public int Count => _problems.Count;

    /// <summary>Reading stopped (too many problems, or a fault the reader cannot get past).</summary>
    public bool Stopped { get; private set; }

    public void Add(int line, int column, string columnName, string message)
    {
        if (Stopped)
        {
            return;
        }

        _problems.Add(new InputProblem(file, line, column, columnName, message));
        if (_problems.Count >= CsvTable.MaxProblems)
        {
            Stopped = true;
            _stopNotice = new InputProblem(file, line, 0, string.Empty, $"stopped after {Counts.Of(CsvTable.MaxProblems)} problems: the rest of the file was not checked.");
        }
    }

    /// <summary>A problem after which nothing more of the file can be read.</summary>
    public void Fatal(int line, string message)
    {
        Add(line, 0, string.Empty, message);
        Stopped = true;
    }

    public void ThrowIfAny()
    {
        if (_problems.Count > 0)
        {
            // In file order, so a person can walk through the file; the stop notice, if any, comes last.
            IEnumerable<InputProblem> ordered = _problems.OrderBy(p => p.Line).ThenBy(p => p.Column);
            throw new InputException([.. _stopNotice is null ? ordered : ordered.Append(_stopNotice)]);
        }
    }
}
