using System.Globalization;
using CIA.Engine.Classification;
using CIA.Engine.Domain;
using CIA.Engine.IO;

namespace CIA.Cli;

/// <summary>Writes a classification summary as text or JSON.</summary>
internal static class SummaryWriter
{
    private static readonly NumberFormatInfo Spaces = new() { NumberGroupSeparator = " ", NumberDecimalDigits = 0 };

    public static void Write(TextWriter w, ClassificationSummary s, HouseholdClassifier classifier, ClassificationYear year, bool json)
    {
        if (json)
        {
            w.WriteLine(JsonText.Write(j =>
            {
                j.WriteStartObject();
                ClassificationWriter.WriteFigures(j, classifier, year);
                j.WriteNumber("applications", s.Applications);
                j.WriteStartObject("quartiles");
                for (var q = 1; q <= 4; q++)
                {
                    j.WriteNumber(q.ToString(CultureInfo.InvariantCulture), s.InQuartile(q));
                }

                j.WriteEndObject();
                j.WriteNumber("priority", s.Priority);
                j.WriteStartObject("priority_criteria");
                foreach (var c in ClassificationSummary.CriteriaOrder)
                {
                    j.WriteNumber(Tokens<PriorityCriteria>.Format(c), s.WithCriterion(c));
                }

                j.WriteEndObject();
                j.WriteNumber("target_households", s.TargetHouseholds);
                j.WriteEndObject();
            }));
            return;
        }

        w.WriteLine(string.Create(Spaces, $"{s.Applications:N} applications classified for {year.Year} (Q1 {year.Q1.ToDisplayString()}, Q2 {year.Q2.ToDisplayString()}, Q3 {year.Q3.ToDisplayString()} per UC and year)"));
        for (var q = 1; q <= 4; q++)
        {
            w.WriteLine(Line($"quartile {q}", s.InQuartile(q), s.Applications));
        }

        w.WriteLine(Line("priority households", s.Priority, s.Applications));
        foreach (var c in ClassificationSummary.CriteriaOrder)
        {
            w.WriteLine(Line("  " + Tokens<PriorityCriteria>.Format(c).Replace('_', ' '), s.WithCriterion(c), s.Applications));
        }

        w.WriteLine(Line("ménages cibles", s.TargetHouseholds, s.Applications));
        w.WriteLine("(criteria cumulate: a household can meet several)");
        w.WriteLine($"thresholds: {year.ThresholdSource}");
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PLUS ceilings ({Tokens<CIA.Engine.Domain.PlusRegion>.Format(classifier.Policy.PlusRegion).Replace('_', ' ')}) in force {year.Plus.From:yyyy-MM-dd}..{year.Plus.Until:yyyy-MM-dd}: {year.Plus.Source}"));
        w.WriteLine($"policy: {classifier.Policy.Name}{(classifier.Policy.Period is { } period ? $" (adopted for {period})" : string.Empty)}");
    }

    private static string Line(string label, int count, int total) =>
        string.Create(Spaces, $"  {label,-24} {count,8:N} {(total == 0 ? 0 : 100.0 * count / total),6:0.0} %");
}
