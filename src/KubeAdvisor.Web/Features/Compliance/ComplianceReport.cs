using System.Text.Json.Serialization;
using KubeAdvisor.Core.Compliance;
using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Web.Features.Compliance;

/// <summary>How a control stands in one scan.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ControlStatus>))]
public enum ControlStatus
{
    /// <summary>At least one policy that evidences it judged something, and none failed.</summary>
    [JsonStringEnumMemberName("pass")]
    Pass,

    /// <summary>A policy that evidences it failed at least one check.</summary>
    [JsonStringEnumMemberName("fail")]
    Fail,

    /// <summary>No policy that evidences it judged anything: switched off, not evaluated, or none exists yet. Never a pass.</summary>
    [JsonStringEnumMemberName("not-assessed")]
    NotAssessed,
}

/// <summary>What one policy judged in a scan: its checks and failed checks (exempt ones count in neither).</summary>
public readonly record struct PolicyTotals(int Checks, int Failed);

/// <summary>One policy's part in a control.</summary>
public sealed record ControlPolicy(string Id, string Title, int Checks, int Failed);

/// <summary>One control in one scan.</summary>
public sealed record ControlResult(string Key, string Id, string Title, ControlStatus Status, IReadOnlyList<ControlPolicy> Policies);

/// <summary>
/// One framework in one scan. <see cref="Share"/> is the percentage of assessed controls that pass (null when none
/// is assessed); <see cref="ShareBefore"/> the same for the comparison scan (about a month earlier), when there is one.
/// </summary>
public sealed record FrameworkResult(
    string Id, string Name, int Passing, int Failing, int NotAssessed, double? Share, double? ShareBefore, IReadOnlyList<ControlResult> Controls);

/// <summary>The pure rule from a scan's per-policy totals to control and framework results (docs/compliance.md).</summary>
public static class ComplianceReport
{
    public static IReadOnlyList<FrameworkResult> Evaluate(
        IReadOnlyDictionary<string, PolicyTotals> now, IReadOnlyDictionary<string, PolicyTotals>? before) =>
        ComplianceFrameworks.All.Select(f => Evaluate(f, now, before)).ToList();

    public static FrameworkResult Evaluate(
        ComplianceFramework framework, IReadOnlyDictionary<string, PolicyTotals> now, IReadOnlyDictionary<string, PolicyTotals>? before)
    {
        ArgumentNullException.ThrowIfNull(framework);
        var controls = framework.Controls.Select(c => Control(c, now)).ToList();
        var passing = controls.Count(c => c.Status == ControlStatus.Pass);
        var failing = controls.Count(c => c.Status == ControlStatus.Fail);
        return new FrameworkResult(framework.Id, framework.Name, passing, failing, controls.Count - passing - failing,
            Share(passing, failing), before is null ? null : Share(framework, before), controls);
    }

    private static ControlResult Control(ComplianceControl control, IReadOnlyDictionary<string, PolicyTotals> totals)
    {
        var policies = PolicyCatalog.Descriptors.Where(d => d.Controls.Contains(control.Key))
            .Select(d => totals.TryGetValue(d.Id, out var t) ? new ControlPolicy(d.Id, d.Title, t.Checks, t.Failed) : new ControlPolicy(d.Id, d.Title, 0, 0))
            .ToList();
        var status = policies.Any(p => p.Failed > 0) ? ControlStatus.Fail
            : policies.Any(p => p.Checks > 0) ? ControlStatus.Pass
            : ControlStatus.NotAssessed;
        return new ControlResult(control.Key, control.Id, control.Title, status, policies);
    }

    private static double? Share(ComplianceFramework framework, IReadOnlyDictionary<string, PolicyTotals> totals)
    {
        var statuses = framework.Controls.Select(c => Control(c, totals).Status).ToList();
        return Share(statuses.Count(s => s == ControlStatus.Pass), statuses.Count(s => s == ControlStatus.Fail));
    }

    private static double? Share(int passing, int failing) =>
        passing + failing == 0 ? null : Math.Round(100.0 * passing / (passing + failing), 1);
}
