using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using CIA.Engine.Classification;
using CIA.Engine.IO;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;
using CIA.Engine.Reporting;
using CIA.Engine.Stock;
using CIA.Engine.Tables;

namespace CIA.Engine.Tests.Reporting;

/// <summary>
/// A small year of leases, built by hand so that every share of the report can be worked out on paper (the
/// arithmetic is in <see cref="ReportTests"/>). Year 2025, default policy: Q1 10 900, Q2 15 138, Q3 19 980 € per UC;
/// 60 % of PLUS category 1 = 13 920.60 €. Every applicant lives alone (1 UC), registered on 2023-01-01.
/// </summary>
internal static class HandBuiltYear
{
    public const int Year = 2025;

    // P1–P3: 800 €/month → 9 600 €/UC: quartile 1, non contingenté → priority (CIA criterion 4); unemployed: not a ménage cible.
    // X1: 900 €/month → 10 800 €/UC: quartile 1, priority; its only lease is dated 2024: not counted.
    // D1: DALO (priority, criterion 1; counts for the statutory 25 %); 1 000 €/month → 12 000 €/UC: quartile 2; tax 10 000 < 13 920.60: not a cible.
    // C1–C3: 3 000 €/month → 36 000 €/UC: quartile 4; employed, tax 30 000 > 13 920.60: ménages cibles; not priority.
    // N1–N8: 1 000 €/month → 12 000 €/UC: quartile 2; employed, tax 10 000: neither priority nor cible.
    //        N7 is a mutation applicant (reason "other", not a priority reason) living in QC1, a dwelling of QPV NMQ03.
    public const string DemandCsvText =
        "application_id;registered_on;persons_14_plus;children_under_14;monthly_resources;tax_income;employment;disabled_member;is_mutation;mutation_reason;urban_renewal;prefectoral_criteria;reserved_by;desired_communes;current_dwelling_id\n"
        + "P1;2023-01-01;1;0;800;9000;unemployed;false;false;;;;;;\n"
        + "P2;2023-01-01;1;0;800;9000;unemployed;false;false;;;;;;\n"
        + "P3;2023-01-01;1;0;800;9000;unemployed;false;false;;;;;;\n"
        + "X1;2023-01-01;1;0;900;9000;unemployed;false;false;;;;;;\n"
        + "D1;2023-01-01;1;0;1000;10000;employed;false;false;;;dalo;;;\n"
        + "C1;2023-01-01;1;0;3000;30000;employed;false;false;;;;;;\n"
        + "C2;2023-01-01;1;0;3000;30000;employed;false;false;;;;;;\n"
        + "C3;2023-01-01;1;0;3000;30000;employed;false;false;;;;;;\n"
        + "N1;2023-01-01;1;0;1000;10000;employed;false;false;;;;;;\n"
        + "N2;2023-01-01;1;0;1000;10000;employed;false;false;;;;;;\n"
        + "N3;2023-01-01;1;0;1000;10000;employed;false;false;;;;;;\n"
        + "N4;2023-01-01;1;0;1000;10000;employed;false;false;;;;;;\n"
        + "N5;2023-01-01;1;0;1000;10000;employed;false;false;;;;;;\n"
        + "N6;2023-01-01;1;0;1000;10000;employed;false;false;;;;;;\n"
        + "N7;2023-01-01;1;0;1000;10000;employed;false;true;other;;;;;QC1\n"
        + "N8;2023-01-01;1;0;1000;10000;employed;false;false;;;;;;\n";

    // O1–O6 outside QPV: T3 at 300 €, accessible (zone 2 T3 APL ceiling 395.77 € in 2025); no programme file, so every
    // programme is "not assessed", which the default policy counts as non-fragile. O1–O4 in Nantes (44109), O5–O6 in Rezé (44143).
    // QA1–QA5 in QPV NMQ01, QB1 in NMQ02, QC1–QC2 in NMQ03 (all in Nantes). Landlords L1 and L2.
    // LOCAT (year first let): QB1 has none (empty cell); the others have one, only read by the moves' new-stock split.
    public const string StockCsvText =
        "dwelling_id;DEPCOM;QPV;NBPIECE;LOYERPRINC;FINAN;CONTINGENT;programme_id;landlord_id;LOCAT\n"
        + "O1;44109;;3;300.00;PLUS;7;P1;L1;1985\n"
        + "O2;44109;;3;300.00;PLUS;7;P1;L1;2021\n"
        + "O3;44109;;3;300.00;PLUS;7;P2;L2;2010\n"
        + "O4;44109;;3;300.00;PLUS;3;P2;L2;2020\n"
        + "O5;44143;;3;300.00;PLUS;3;P3;L2;2024\n"
        + "O6;44143;;3;300.00;PLUS;2;P4;L1;1999\n"
        + "QA1;44109;NMQ01;3;300.00;HLMO;2;P5;L1;1970\n"
        + "QA2;44109;NMQ01;3;300.00;HLMO;1;P5;L1;1970\n"
        + "QA3;44109;NMQ01;3;300.00;HLMO;7;P5;L1;1970\n"
        + "QA4;44109;NMQ01;3;300.00;HLMO;7;P5;L1;1970\n"
        + "QA5;44109;NMQ01;3;300.00;HLMO;3;P5;L1;1970\n"
        + "QB1;44109;NMQ02;3;300.00;HLMO;7;P6;L2;\n"
        + "QC1;44109;NMQ03;3;300.00;HLMO;3;P7;L2;1970\n"
        + "QC2;44109;NMQ03;3;300.00;HLMO;7;P7;L2;1970\n";

    // Lines 2–15: the 14 leases counted. Lines 16–20: one of each problem, reported and not counted.
    public const string AllocationsCsvText =
        "lease_signed_on;application_id;dwelling_id;reservataire\n"
        + "2025-01-10;P1;O1;landlord\n"           // 1  outside QPV, L1, Nantes
        + "2025-02-10;N1;O2;landlord\n"           // 2  outside QPV, L1, Nantes
        + "2025-03-10;N2;O3;landlord\n"           // 3  outside QPV, L2, Nantes
        + "2025-04-10;D1;O4;action_logement\n"    // 4  outside QPV, L2, Nantes
        + "2025-05-10;N3;O5;action_logement\n"    // 5  outside QPV, L2, Rezé
        + "2025-06-10;P2;O6;prefecture\n"         // 6  outside QPV, L1, Rezé
        + "2025-07-10;C1;QA1;prefecture\n"        // 7  NMQ01
        + "2025-07-11;N4;QA2;state_agents\n"      // 8  NMQ01
        + "2025-07-12;N5;QA3;landlord\n"          // 9  NMQ01
        + "2025-07-13;N6;QA4;landlord\n"          // 10 NMQ01
        + "2025-07-14;P3;QA5;action_logement\n"   // 11 NMQ01
        + "2025-08-10;N7;QB1;landlord\n"          // 12 NMQ02
        + "2025-09-10;C2;QC1;action_logement\n"   // 13 NMQ03
        + "2025-10-10;C3;QC2;landlord\n"          // 14 NMQ03
        + "2025-11-01;Z9;O1;landlord\n"           // line 16: unknown application
        + "2025-11-02;N1;ZZ;landlord\n"           // line 17: unknown dwelling (and N1 housed on line 3: a duplicate too)
        + "2025-11-03;P1;O2;landlord\n"           // line 18: P1 already housed on line 2
        + "2024-12-31;X1;O3;landlord\n"           // line 19: outside 2025
        + "2025-01-10;N8;O1;landlord\n";          // line 20: O1 already let on 2025-01-10 (line 2)

    /// <summary>The report of the year, with the CIA's 1 241 as the mobilisable capacity.</summary>
    /// <param name="folder">The folder the files are said to be read from ("" for none).</param>
    public static AnnualReport Report(string folder = "") => Report(DemandCsvText, StockCsvText, AllocationsCsvText, PolicyLoader.LoadDefault(), folder);

    /// <summary>The report of the year on other files (the same year, the CIA's 1 241 as the mobilisable capacity).</summary>
    public static AnnualReport Report(string demandCsv, string stockCsv, string allocationsCsv, CiaPolicy policy, string folder = "")
    {
        var demand = DemandCsv.ReadTable(new StringReader(demandCsv), folder + "demand.csv");
        var stock = StockCsv.ReadTable(new StringReader(stockCsv), folder + "stock.csv");
        var allocations = AllocationCsv.ReadTable(new StringReader(allocationsCsv), folder + "allocations.csv");
        var parameters = BuiltInParameters.Create();
        var households = new HouseholdClassifier(policy, parameters);
        var dwellings = new DwellingClassifier(policy, parameters, FragilityAssessment.None);
        var check = AllocationCheck.Of(allocations, demand, stock, Year);
        ImmutableArray<InputFile> files =
        [
            new("allocations", "allocations.csv", Sha(allocationsCsv)),
            new("demand", "demand.csv", Sha(demandCsv)),
            new("stock", "stock.csv", Sha(stockCsv)),
        ];
        var input = ReportInput.FromAllocations(allocations, check, demand, stock, households, households.ForYear(Year), dwellings, 1241, files, "the CIA's figure (Annexe 1: 10 892 × 11.4 %)");
        return AnnualReport.Build(input, Sha(PolicyLoader.DefaultYaml()));
    }

    public static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
