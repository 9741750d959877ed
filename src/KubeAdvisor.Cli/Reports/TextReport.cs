using System.Globalization;
using System.Text;
using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Cli.Reports;

/// <summary>One line per finding as compilers write them (<c>file:line: severity policy object: message</c>), then a summary.</summary>
internal static class TextReport
{
    public static string Write(ScanOutcome outcome, string settingsSource, Severity? failOn)
    {
        var text = new StringBuilder();
        foreach (var located in outcome.Findings)
        {
            var f = located.Finding;
            var where = located.File.Length == 0 ? "" : $"{located.File}:{located.Line}: ";
            var container = f.ContainerName is null ? "" : $" container {f.ContainerName}";
            text.Append(CultureInfo.InvariantCulture, $"{where}{f.Severity.ToString().ToLowerInvariant()} {f.PolicyId} {f.Namespace}/{f.WorkloadKind}/{f.WorkloadName}{container}: {f.Message}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"Checked with {settingsSource}.\n");
        return text.Append(Summary(outcome, failOn)).ToString();
    }

    /// <summary>The last line: counts by severity, what was read, and whether the run fails.</summary>
    public static string Summary(ScanOutcome outcome, Severity? failOn)
    {
        var bySeverity = outcome.Findings.GroupBy(f => f.Finding.Severity).OrderByDescending(g => g.Key)
            .Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}");
        var counts = outcome.Findings.Count == 0 ? "" : $" ({string.Join(", ", bySeverity)})";
        var failing = outcome.Failing(failOn);
        var verdict = failOn is null ? "not failing (--fail-on none)"
            : failing > 0 ? $"failing: {failing} at or above {failOn.Value.ToString().ToLowerInvariant()}"
            : $"passing: none at or above {failOn.Value.ToString().ToLowerInvariant()}";
        return string.Create(CultureInfo.InvariantCulture,
            $"{outcome.Findings.Count} finding(s){counts} in {outcome.Workloads} workload(s) from {outcome.Objects} object(s) in {outcome.Files} file(s); {verdict}.\n");
    }
}
