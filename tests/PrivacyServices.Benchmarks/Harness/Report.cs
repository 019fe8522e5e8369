using System.Globalization;
using System.Text;

namespace PrivacyServices.Benchmarks.Harness;

/// <summary>Whether a figure meets its target.</summary>
public enum Verdict
{
    /// <summary>A figure without a target (context for the others).</summary>
    None,
    Holds,
    Missed,
    Skipped,
}

/// <summary>One line of the results table.</summary>
public sealed record ReportRow(string Scenario, string Measure, string Value, string Target, Verdict Verdict);

/// <summary>The figures of one run, printed as a Markdown table (the format of docs/performance.md).</summary>
public sealed class Report
{
    private readonly List<ReportRow> _rows = new();
    private readonly List<string> _notes = new();

    public IReadOnlyList<ReportRow> Rows => _rows;

    public void Add(string scenario, string measure, string value, string target = "", Verdict verdict = Verdict.None)
    {
        var row = new ReportRow(scenario, measure, value, target, verdict);
        _rows.Add(row);
        Console.WriteLine($"  {measure}: {value}{(target.Length > 0 ? $"  (target {target}: {Describe(verdict)})" : string.Empty)}");
    }

    /// <summary>A row whose verdict is <paramref name="ok"/> against <paramref name="target"/>.</summary>
    public void Check(string scenario, string measure, string value, string target, bool ok) =>
        Add(scenario, measure, value, target, ok ? Verdict.Holds : Verdict.Missed);

    public void Note(string text)
    {
        _notes.Add(text);
        Console.WriteLine("  note: " + text);
    }

    public bool AnyMissed => _rows.Any(r => r.Verdict == Verdict.Missed);

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| Scenario | Measure | Value | Target | |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var row in _rows)
        {
            text.AppendLine($"| {Cell(row.Scenario)} | {Cell(row.Measure)} | {Cell(row.Value)} | {Cell(row.Target)} | {Describe(row.Verdict)} |");
        }

        if (_notes.Count > 0)
        {
            text.AppendLine();
            foreach (var note in _notes)
            {
                text.AppendLine("- " + note);
            }
        }

        return text.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static string Describe(Verdict verdict) => verdict switch
    {
        Verdict.Holds => "holds",
        Verdict.Missed => "MISSED",
        Verdict.Skipped => "skipped",
        _ => string.Empty,
    };

    public static string Micros(double microseconds) => microseconds >= 10_000
        ? (microseconds / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " ms"
        : microseconds.ToString("0", CultureInfo.InvariantCulture) + " µs";

    public static string Ratio(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×";

    public static string Number(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
}
