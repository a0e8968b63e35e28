using System.Diagnostics;
using System.Text;
using CIA.Engine.Domain;
using CIA.Engine.IO;
using CIA.Engine.Policy;

namespace CIA.Engine.Tests.IO;

/// <summary>
/// One test per kind of bad input the readers meet: each ends in an <see cref="InputException"/> (or
/// <see cref="PolicyException"/>) naming the file, the line and the column a person must look at, never in another
/// exception, a hang or a silently wrong value. Expected lines and columns are counted by hand from the text.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private const string Header = "application_id;registered_on;persons_14_plus;children_under_14;monthly_resources;tax_income;employment;disabled_member;is_mutation;mutation_reason;urban_renewal;prefectoral_criteria;reserved_by;desired_communes";
    private const string StockHeader = "dwelling_id;DEPCOM;QPV;NBPIECE;SURFHAB;LOYERPRINC;FINAN;CONTINGENT;programme_id;landlord_id";

    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "cia-hostile-" + Path.GetRandomFileName())).FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // Columns: 1 application_id, 2 registered_on, 3 persons_14_plus, 4 children_under_14, 5 monthly_resources, 6 tax_income, 7 employment.
    private static string Row(string id, string persons = "1", string monthly = "1000", string tax = "10000", string employment = "employed") =>
        $"{id};2024-01-01;{persons};0;{monthly};{tax};{employment};false;false;;;;;44109";

    private static InputException DemandFails(string text) => Should.Throw<InputException>(() => DemandCsv.Read(new StringReader(text), "d.csv"));

    private static List<string> Where(InputException e) => [.. e.Problems.Select(p => $"{p.Line}:{p.Column}")];

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    // ---- paths that are not readable files ----

    [Fact]
    public void A_folder_a_missing_file_and_a_symlink_loop_are_named_problems_not_exceptions()
    {
        var missing = Path.Combine(_dir, "nowhere.csv");
        var a = Path.Combine(_dir, "a");
        var b = Path.Combine(_dir, "b");
        File.CreateSymbolicLink(a, b);
        File.CreateSymbolicLink(b, a); // ln -s b a; ln -s a b

        string Only(string path) => Should.Throw<InputException>(() => DemandCsv.ReadFile(path)).Problems.Single().ToString();

        Only(_dir).ShouldBe($"{_dir}: is a folder, not a file.");
        Only(missing).ShouldBe($"{missing}: does not exist.");
        Only(Path.Combine(_dir, "no-folder", "d.csv")).ShouldBe($"{Path.Combine(_dir, "no-folder", "d.csv")}: does not exist (its folder is missing).");
        Only(a).ShouldStartWith($"{a}: cannot be opened: ");
        Only(a).ShouldContain("symbolic links");
        Should.Throw<InputException>(() => PolicyLoader.LoadFile(_dir)).Problems.Single().Message.ShouldBe("is a folder, not a file.");
    }

    [UnreadableFileFact]
    public void A_file_that_cannot_be_opened_is_permission_denied()
    {
        var path = UnreadableFileFactAttribute.Path!;
        Should.Throw<InputException>(() => DemandCsv.ReadFile(path)).Problems.Single().ToString().ShouldBe($"{path}: cannot be read: permission denied.");
    }

    [Fact]
    public void A_file_that_fails_while_being_read_is_a_problem_at_the_line_reached()
    {
        // /proc/self/mem opens, even for root, and its first read fails with EIO (nothing is mapped at address 0).
        if (!File.Exists("/proc/self/mem"))
        {
            return; // not Linux: nothing to test against
        }

        var e = Should.Throw<InputException>(() => DemandCsv.ReadFile("/proc/self/mem"));
        e.Problems.Single().Line.ShouldBe(1);
        e.Problems.Single().Message.ShouldStartWith("could not be read: ");
    }

    // ---- the shape of rows and header ----

    [Fact]
    public void Rows_with_too_few_or_too_many_fields_are_reported_at_their_line()
    {
        var e = DemandFails($"{Header}\n{Row("A1")}\nA2;2024-01-01;1;0;1000;10000;employed;false;false;;;;\n{Row("A3")};extra\n{Row("A4", persons: "x")}\n");
        e.Problems.Select(p => p.ToString()).ShouldBe(
        [
            "d.csv:3: has 13 fields where the header has 14: the row is cut short, or a separator is missing.",
            "d.csv:4: has 15 fields where the header has 14: a value holds an unquoted separator, or the row has an extra one.",
            "d.csv:5:3: column 'persons_14_plus': 'x' is not a whole number (digits only, no sign).",
        ]);
    }

    [Fact]
    public void A_column_twice_in_the_header_is_reported_at_its_second_place()
    {
        var e = DemandFails($"{Header};persons_14_plus\n{Row("A1")};2\n");
        e.Problems.Single().ToString().ShouldBe("d.csv:1:15: column 'persons_14_plus': column 'persons_14_plus' appears 2 times in the header (columns 3, 15): keep one.");

        // RPLS's name and its alias are the same column.
        var stock = Should.Throw<InputException>(() => StockCsv.Read(new StringReader(StockHeader + ";DEPCOM_CODE\nL1;44109;;3;65;300;PLUS;7;P1;B1;44109\n"), "s.csv"));
        stock.Problems.Single().Message.ShouldBe("column 'DEPCOM' appears 2 times in the header (columns 2, 11): keep one.");
    }

    [Fact]
    public void Blank_lines_are_skipped_and_later_lines_keep_their_numbers()
    {
        // line 1 blank, 2 header, 3 A1, 4 blank, 5 spaces, 6 blank (CRLF), 7 A2 (bad), 8 blank, 9 A3 (bad).
        var e = DemandFails($"\n{Header}\n{Row("A1")}\n\n   \n\r\n{Row("A2", persons: "x")}\n\n{Row("A3", monthly: "y")}\n");
        Where(e).ShouldBe(["7:3", "9:5"]);
        DemandCsv.Read(new StringReader($"\n\n{Header}\n\n{Row("A1")}\n\n"), "d.csv").Select(a => a.Id.Value).ShouldBe(["A1"]);
    }

    [Fact]
    public void A_quoted_field_over_several_lines_in_an_ignored_column_keeps_later_line_numbers()
    {
        // line 2 A1 whose note runs to line 4 (LF, then CRLF); line 5 A2 (bad); line 6 A3 whose note spans 6-7; line 8 A4 (bad).
        var text = $"{Header};note\n{Row("A1")};\"first\nsecond\r\nthird\"\n{Row("A2", persons: "x")};\n{Row("A3")};\"a \"\"quoted\"\"\nword\"\n{Row("A4", tax: "z")};plain\n";
        Where(DemandFails(text)).ShouldBe(["5:3", "8:6"]);
    }

    [Fact]
    public void A_line_break_in_a_read_column_is_counted_once_however_many_problems_the_cell_has()
    {
        // share_under_40 holds a quoted line break (lines 2-3): it is not a share, and then also below share_under_20.
        // Both problems are on line 2; P2's problem is on line 4. (It was counted once per problem: line 5.)
        var text = "programme_id;dwellings;households;share_under_20;share_under_40\nP1;40;38;0.05;\"0.1\n\"\nP2;40;38;x;0.2\n";
        var e = Should.Throw<InputException>(() => ProgrammeCsv.Read(new StringReader(text), "p.csv"));
        Where(e).ShouldBe(["2:5", "2:5", "4:4"]);
    }

    [Fact]
    public void A_lone_carriage_return_ends_a_line_wherever_it_falls()
    {
        // Old Mac line ends, and a stray CR in a LF file: each ends a line, as in an editor, at any place in the
        // reader's buffer (the CSV library used to split at a lone CR in some places and not in others).
        var mac = $"{Header}\r{Row("A1")}\r{Row("A2", persons: "x")}\r";
        Where(DemandFails(mac)).ShouldBe(["3:3"]);
        var padding = string.Concat(Enumerable.Range(0, 300).Select(i => Row($"P{i}") + "\n"));
        var mixed = $"{Header}\n{padding}{Row("A1")}\r{Row("A2", persons: "x")}\n";
        Where(DemandFails(mixed)).ShouldBe(["303:3"]);
        DemandCsv.Read(new StringReader($"{Header}\r\n{Row("A1")}\r\n{Row("A2")}\r"), "d.csv").Length.ShouldBe(2);
    }

    [Fact]
    public void Nul_lines_are_reported_at_their_line_and_the_rows_after_them_are_still_checked()
    {
        var e = DemandFails($"\0junk\n{Header}\n\0\n{Row("A1")}\n{Row("A2", persons: "x")}\n");
        e.Problems.Select(p => $"{p.Line}:{p.Column}:{p.Message}").ShouldBe(
        [
            "1:0:starts with a NUL character: this is not a text file, or it is damaged.",
            "3:0:starts with a NUL character: this is not a text file, or it is damaged.",
            "5:3:'x' is not a whole number (digits only, no sign).",
        ]);
    }

    // ---- numbers ----

    [Fact]
    public void Numbers_have_one_spelling_and_surrounding_spaces_are_trimmed()
    {
        var rows = new[]
        {
            Row("N2", persons: "+0"),                  // line 2
            Row("N3", persons: "-0"),
            Row("N4", persons: "+5"),
            Row("N5", persons: "\u0663"),             // an Arabic-Indic three
            Row("N6", monthly: "1 000"),               // a thousands separator
            Row("N7", monthly: "1,000"),
            Row("N8", monthly: "12,50"),               // a decimal comma
            Row("N9", monthly: "12.345"),              // more than 2 decimals
            Row("N10", monthly: "1e3"),
            Row("N11", monthly: "99999999999999999999"),
            Row("N12", persons: " 5 ", monthly: " 1234.5 ", tax: "\t007"), // accepted: 5 persons, 1 234.50 €, 7 €
        };
        var e = DemandFails($"{Header}\n{string.Join('\n', rows)}\n");
        e.Problems.Select(p => $"{p.Line}:{p.Column}:{p.Message}").ShouldBe(
        [
            "2:3:'+0' is not a whole number (digits only, no sign).",
            "3:3:'-0' is not a whole number (digits only, no sign).",
            "4:3:'+5' is not a whole number (digits only, no sign).",
            "5:3:'\u0663' is not a whole number (digits only, no sign).",
            "6:5:'1 000' is not an amount in euros (digits with '.' for decimals, at most 2 decimals).",
            "7:5:'1,000' is not an amount in euros (digits with '.' for decimals, at most 2 decimals).",
            "8:5:'12,50' is not an amount in euros (digits with '.' for decimals, at most 2 decimals).",
            "9:5:'12.345' is not an amount in euros (digits with '.' for decimals, at most 2 decimals).",
            "10:5:'1e3' is not an amount in euros (digits with '.' for decimals, at most 2 decimals).",
            "11:5:'99999999999999999999' is not an amount in euros (digits with '.' for decimals, at most 2 decimals).",
        ]);

        var accepted = DemandCsv.Read(new StringReader($"{Header}\n{rows[^1]}\n"), "d.csv").Single();
        (accepted.Household.Persons14Plus, accepted.MonthlyResources, accepted.TaxIncome).ShouldBe((5, Euros.FromEuros(1234.5m), Euros.FromEuros(7m)));
    }

    [Fact]
    public void Persons_written_00_is_the_zero_persons_error_not_one_person()
    {
        var e = DemandFails($"{Header}\n{Row("Z1", persons: "00")}\n");
        e.Problems.Single().ToString().ShouldBe("d.csv:2:3: column 'persons_14_plus': 0 persons aged 14 or more: a household has at least one (the applicant).");
    }

    [Fact]
    public void Rpls_9999_rent_is_refused_in_every_spelling()
    {
        var spellings = new[] { "9999", "9999.00", "09999", "9999.0", " 9999 " };
        var text = StockHeader + "\n" + string.Concat(spellings.Select((rent, i) => $"L{i};44109;;3;65;{rent};PLUS;7;P1;B1\n")) + "L9;44109;;3;65;9999.01;PLUS;7;P1;B1\n";
        var e = Should.Throw<InputException>(() => StockCsv.Read(new StringReader(text), "s.csv"));
        Where(e).ShouldBe(["2:6", "3:6", "4:6", "5:6", "6:6"]); // 9 999.01 € is a rent, if a high one
        e.Problems.ShouldAllBe(p => p.Message == "9999 is RPLS's mark for a rent not fully invoiced in January: give the monthly rent.");
    }

    [Fact]
    public void Two_threshold_rows_for_one_epci_and_year_are_refused_whatever_the_spelling_of_the_year()
    {
        const string text = "epci;year;q1;q2;q3;source\n244400404;2027;10000;14000;19000;a\n243500139;2027;8000;12000;16000;b\n244400404;02027;10100;14100;19100;c\n";
        var e = Should.Throw<InputException>(() => ThresholdCsv.Read(new StringReader(text), "t.csv"));
        e.Problems.Single().ToString().ShouldBe("t.csv:4: EPCI 244400404 already has thresholds for 2027 on line 2: give one row per EPCI and year.");
    }

    // ---- encodings ----

    [Fact]
    public void Bytes_that_are_not_utf8_are_reported_with_line_and_column()
    {
        // "employ\xE9d": a Latin-1 é in the employment cell of line 3, column 7.
        var bytes = Encoding.UTF8.GetBytes($"{Header}\n{Row("A1")}\n{Row("A2", employment: "employ#d")}\n").Select(b => b == (byte)'#' ? (byte)0xE9 : b).ToArray();
        var e = Should.Throw<InputException>(() => DemandCsv.ReadFile(Write("latin1.csv", bytes)));
        e.Problems[0].ShouldSatisfyAllConditions(
            p => (p.Line, p.Column, p.ColumnName).ShouldBe((3, 7, "employment")),
            p => p.Message.ShouldBe(InputFiles.NotUtf8));
    }

    [Fact]
    public void A_utf8_bom_is_accepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes($"{Header}\n{Row("A1")}\n")).ToArray();
        DemandCsv.ReadFile(Write("bom.csv", bytes)).Single().Id.Value.ShouldBe("A1");
    }

    [Fact]
    public void A_latin1_header_name_is_reported_at_its_column()
    {
        // An extra column "référence" saved in Latin-1: column 15 of line 1.
        var bytes = Encoding.Latin1.GetBytes($"{Header};référence\n{Row("A1")};x\n");
        var e = Should.Throw<InputException>(() => DemandCsv.ReadFile(Write("latin1-header.csv", bytes)));
        e.Problems.Single().ShouldSatisfyAllConditions(
            p => (p.Line, p.Column).ShouldBe((1, 15)),
            p => p.Message.ShouldBe(InputFiles.NotUtf8));
    }

    [Fact]
    public void A_policy_that_is_not_utf8_is_reported_with_line_and_column()
    {
        var yaml = PolicyLoader.DefaultYaml().Replace("\r\n", "\n", StringComparison.Ordinal);
        var lines = yaml.Split('\n');
        var line = Array.FindIndex(lines, l => l.Contains('é', StringComparison.Ordinal));
        var column = lines[line].IndexOf('é', StringComparison.Ordinal) + 1;
        var e = Should.Throw<InputException>(() => PolicyLoader.LoadFile(Write("latin1.yaml", Encoding.Latin1.GetBytes(yaml))));
        e.Problems.Single().ShouldSatisfyAllConditions(
            p => (p.Line, p.Column).ShouldBe((line + 1, column)),
            p => p.Message.ShouldBe(InputFiles.NotUtf8));
    }

    // ---- quotes ----

    [Fact]
    public void An_unbalanced_quote_is_reported_at_the_line_where_it_opens()
    {
        var e = DemandFails($"{Header}\n{Row("A1")}\n{Row("A2")[..^5]}\"44109\n{Row("A3")}\n{Row("A4")}\n");
        e.Problems.Single().ToString().ShouldBe("d.csv:3: a quoted value starting on this line is not closed properly: a quote must be doubled inside quotes and followed by a separator or the end of the line. Reading stopped here: the rest of the file was not checked.");

        // Closed two lines further: one record over lines 3-5 whose last cell holds two rows; line 6 keeps its number.
        var closed = DemandFails($"{Header}\n{Row("A1")}\n{Row("A2")[..^5]}\"44109\n{Row("A3")}\n{Row("A4")}\"\n{Row("A5", persons: "x")}\n");
        Where(closed).ShouldBe(["3:14", "6:3"]);
        closed.Problems[0].Message.ShouldBe("'44109\\nA3;2024-01-01;1;0;1000;10000;emplo…' is not an INSEE commune code (five characters, e.g. 44109).");
    }

    // ---- runaway input ----

    [Fact]
    public void Dev_zero_ends_quickly_with_one_problem()
    {
        if (!File.Exists("/dev/zero"))
        {
            return; // not Unix
        }

        var watch = Stopwatch.StartNew();
        var e = Should.Throw<InputException>(() => DemandCsv.ReadFile("/dev/zero"));
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        e.Problems.Single().ToString().ShouldStartWith("/dev/zero:1: a record starting here is longer than 65");
    }

    [Fact]
    public void Random_bytes_end_quickly_with_a_bounded_error()
    {
        var bytes = new byte[1 << 20];
        new Random(7).NextBytes(bytes);
        var path = Write("random.bin", bytes);
        var watch = Stopwatch.StartNew();
        var e = Should.Throw<InputException>(() => DemandCsv.ReadFile(path));
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        e.Problems.Count.ShouldBeInRange(1, CsvLimits.MaxProblems + 1);
        e.Problems.ShouldAllBe(p => p.Message.Length < 300);
    }

    [Fact]
    public void Five_thousand_bad_rows_give_exactly_a_thousand_problems_and_a_stop_notice()
    {
        var text = Header + "\n" + string.Concat(Enumerable.Range(1, 5000).Select(i => Row($"A{i}", persons: "x") + "\n"));
        var e = DemandFails(text);
        e.Problems.Count.ShouldBe(1001);
        e.Problems[999].Line.ShouldBe(1001); // the 1 000th bad row is on line 1 001
        e.Problems[^1].ToString().ShouldBe("d.csv:1001: stopped after 1 000 problems: the rest of the file was not checked.");
    }

    [Fact]
    public void A_one_megabyte_field_is_refused()
    {
        var e = DemandFails($"{Header}\n{Row("A1")}\n{Row(new string('x', 1 << 20))}\n{Row("A3")}\n");
        e.Problems.Single().ToString().ShouldStartWith("d.csv:3: a record starting here is longer than 65");
    }

    [Fact]
    public void Duplicate_ids_far_apart_in_a_large_file_are_reported_with_both_lines()
    {
        // 200 000 rows; rows 5, 150 000 and 200 000 share an id. Row r is on line r + 1.
        var text = new StringBuilder(Header).Append('\n');
        for (var row = 1; row <= 200_000; row++)
        {
            text.Append(Row(row is 5 or 150_000 or 200_000 ? "SAME" : $"A{row}")).Append('\n');
        }

        var e = Should.Throw<InputException>(() => DemandCsv.ReadFile(Write("large.csv", text.ToString())));
        e.Problems.Select(p => $"{p.Line}:{p.Column}:{p.Message}").ShouldBe(
        [
            "150001:1:'SAME' is already used on line 6: ids must be unique.",
            "200001:1:'SAME' is already used on line 6: ids must be unique.",
        ]);
    }

    // ---- policy files ----

    [Theory]
    [InlineData("name: x\nepci: [1, 2\nquartiles: {}\n")]
    [InlineData("name: x\nepci: {a: 1\nquartiles: {}\n")]
    [InlineData("targets: [[[\n")]
    [InlineData("a: {b: [c, {d: e]}\n")]
    public void Unclosed_flow_collections_are_syntax_problems(string yaml)
    {
        var e = Should.Throw<PolicyException>(() => PolicyLoader.Load(new StringReader(yaml), "p.yaml"));
        e.Problems.Single().Path.ShouldBe("(syntax)");
        e.Problems.Single().Line.ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    [InlineData("- ", "")]
    public void Nesting_ten_thousand_deep_is_refused_without_overflowing_the_stack(string open, string close)
    {
        var yaml = string.Concat(Enumerable.Repeat(open, 10_000)) + "x" + string.Concat(Enumerable.Repeat(close, 10_000)) + "\n";
        var e = Should.Throw<PolicyException>(() => PolicyLoader.Load(new StringReader(yaml), "p.yaml"));
        e.Problems.Single().Message.ShouldBe("mappings and lists are nested more than 32 levels deep: a policy needs a handful.");
    }

    [Fact]
    public void A_two_megabyte_policy_is_refused_before_it_is_parsed()
    {
        var yaml = "name: x\n# " + new string('x', 2_000_000) + "\n";
        Should.Throw<InputException>(() => PolicyLoader.LoadFile(Write("big.yaml", yaml))).Problems.Single().Message
            .ShouldBe("is 2 000 011 bytes; at most 1 048 576 are accepted for this kind of file.");
        Should.Throw<PolicyException>(() => PolicyLoader.Load(new StringReader(yaml), "big.yaml")).Problems.Single().Message
            .ShouldBe("is longer than 1 048 576 characters: a policy is a page of YAML.");
    }

    [Fact]
    public void A_problem_shows_a_long_or_binary_column_name_cut_to_40_characters_with_control_characters_replaced()
    {
        var name = "\u0001ab" + new string('x', 100);
        var shown = new InputProblem("f.csv", 1, 2, name, "holds bytes that are not UTF-8.").ToString();
        shown.ShouldBe("f.csv:1:2: column '?ab" + new string('x', 37) + "…': holds bytes that are not UTF-8.");
    }
}

/// <summary>The readers' problem bound, under a name the tests can use.</summary>
internal static class CsvLimits
{
    public const int MaxProblems = 1000;
}

/// <summary>
/// A file this process cannot open for reading. CI runs as root, for whom permission bits stop nothing, so the test
/// uses a write-only /proc/sys file (no one may read it, root included) and makes a mode-000 file only for other users.
/// </summary>
public sealed class UnreadableFileFactAttribute : FactAttribute
{
    public UnreadableFileFactAttribute()
    {
        if (Path is null)
        {
            Skip = "No file here refuses reading to this user (running as root, and no write-only /proc/sys file): nothing to test against.";
        }
    }

    public static string? Path { get; } = Find();

    private static string? Find()
    {
        foreach (var candidate in new[] { "/proc/sys/vm/compact_memory", "/proc/sys/vm/drop_caches", "/proc/sysrq-trigger" })
        {
            try
            {
                using (File.OpenRead(candidate))
                {
                }
            }
            catch (UnauthorizedAccessException)
            {
                return candidate;
            }
            catch (Exception e) when (e is IOException or NotSupportedException)
            {
                // missing or unusable: try the next
            }
        }

        if (!OperatingSystem.IsWindows() && Environment.UserName != "root")
        {
            var file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cia-unreadable-" + System.IO.Path.GetRandomFileName());
            File.WriteAllText(file, "x");
            File.SetUnixFileMode(file, UnixFileMode.None);
            return file;
        }

        return null;
    }
}
