using System.Globalization;
using System.Text.Json;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Kubernetes.Collection;
using KubeAdvisor.Web.Features.Findings;

namespace KubeAdvisor.Web.Features.Reports;

/// <summary>
/// One Report (or, for namespace "", the ClusterReport) being written: its header at <see cref="Begin"/>, then its fail
/// results as they stream by, then at <see cref="End"/> its pass and skip results and the summary, which counts results.
/// The field names and enums are those of the openreports.io/v1alpha1 CRD (deploy/crds/).
/// </summary>
internal sealed class ReportJson
{
    /// <summary>The report's and every result's <c>source</c>.</summary>
    public const string Source = "kubeadvisor";

    /// <summary>Every report's metadata.name (one per namespace, and one ClusterReport).</summary>
    public const string Name = "kubeadvisor";

    private readonly Utf8JsonWriter _json;
    private readonly DateTimeOffset _at;
    private int _pass;
    private int _fail;
    private int _skip;

    private readonly long _start;

    private ReportJson(Utf8JsonWriter json, string ns, int part, DateTimeOffset at, long start) =>
        (_json, Namespace, Part, _at, _start) = (json, ns, part, at, start);

    /// <summary>The report's namespace; "" for the ClusterReport.</summary>
    public string Namespace { get; }

    /// <summary>1 for the report named <see cref="Name"/>; 2, 3, … for the further parts of a namespace too big for one object.</summary>
    public int Part { get; }

    /// <summary>How many bytes of JSON this report has taken so far.</summary>
    public long Bytes => Position(_json) - _start;

    /// <summary>The metadata.name of a report's part: <c>kubeadvisor</c>, then <c>kubeadvisor-2</c>, <c>kubeadvisor-3</c>, ….</summary>
    public static string NameOf(int part) => part == 1 ? Name : $"{Name}-{part.ToString(CultureInfo.InvariantCulture)}";

    public static ReportJson Begin(Utf8JsonWriter json, ReportBasis basis, string ns, DateTimeOffset scannedAt, int part = 1)
    {
        var start = Position(json);
        json.WriteStartObject();
        json.WriteString("apiVersion", "openreports.io/v1alpha1");
        json.WriteString("kind", ns.Length == 0 ? "ClusterReport" : "Report");
        json.WriteStartObject("metadata");
        json.WriteString("name", NameOf(part));
        if (ns.Length > 0)
        {
            json.WriteString("namespace", ns);
        }

        json.WriteStartObject("labels");
        json.WriteString("app.kubernetes.io/managed-by", Source);
        json.WriteEndObject();
        json.WriteStartObject("annotations");
        json.WriteString("kubeadvisor.io/cluster", basis.ClusterName);
        json.WriteString("kubeadvisor.io/cluster-id", basis.ClusterId.ToString());
        json.WriteString("kubeadvisor.io/scan-id", basis.Last.Id?.ToString());
        json.WriteString("kubeadvisor.io/scanned-at", Time(scannedAt));
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteString("source", Source);
        json.WriteStartArray("results");
        return new ReportJson(json, ns, part, scannedAt, start);
    }

    /// <summary>One open finding: a fail result about its workload, with the finding's id, first seen, container and digest.</summary>
    public void Fail(FindingRow row, string? uid)
    {
        _fail++;
        Result(row.PolicyId, row.Severity, "fail", scored: true);
        _json.WriteStartArray("resources");
        _json.WriteStartObject();
        if (KindApiVersions.Of(row.Kind) is { } apiVersion)
        {
            _json.WriteString("apiVersion", apiVersion);
        }

        _json.WriteString("kind", row.Kind);
        _json.WriteString("name", row.WorkloadName);
        if (row.Namespace.Length > 0)
        {
            _json.WriteString("namespace", row.Namespace);
        }

        if (uid is not null)
        {
            _json.WriteString("uid", uid);
        }

        _json.WriteEndObject();
        _json.WriteEndArray();
        _json.WriteString("message", row.Message);
        _json.WriteStartObject("properties");
        _json.WriteString("findingId", row.Id.ToString(CultureInfo.InvariantCulture));
        _json.WriteString("firstSeen", Time(row.FirstSeen));
        Optional("container", row.Container);
        Optional("containerType", row.ContainerType?.ToString());
        Optional("image", row.Image);
        Optional("digest", row.Digests.Count == 0 ? null : string.Join(',', row.Digests));
        Optional("team", row.TeamName);
        Optional("note", row.Note);
        _json.WriteEndObject();
        _json.WriteEndObject();
    }

    /// <summary>The namespace's passed and exempt checks (one pass and one skip result per policy), then the summary.</summary>
    public void End(IReadOnlyList<PolicyTally> tallies)
    {
        var where = Namespace.Length == 0 ? "cluster-scoped objects" : $"namespace {Namespace}";
        foreach (var t in tallies)
        {
            if (t.Passed > 0)
            {
                _pass++;
                Counted(t, "pass", true, $"{t.Passed} {Checks(t.Passed)} of this policy passed in {where} at the last scan.", t.Passed);
            }

            if (t.Exempt > 0)
            {
                _skip++;
                Counted(t, "skip", false,
                    $"{t.Exempt} {Checks(t.Exempt)} of this policy exempt in {where} (excluded namespace, exempt image, annotation or approved exception).", t.Exempt);
            }
        }

        _json.WriteEndArray();
        _json.WriteStartObject("summary");
        _json.WriteNumber("pass", _pass);
        _json.WriteNumber("fail", _fail);
        _json.WriteNumber("warn", 0);
        _json.WriteNumber("error", 0);
        _json.WriteNumber("skip", _skip);
        _json.WriteEndObject();
        _json.WriteEndObject();
    }

    // A pass or skip result: about the report's scope (no resources), the number of checks in its properties.
    private void Counted(PolicyTally t, string result, bool scored, string message, int checks)
    {
        Result(t.PolicyId, t.Severity, result, scored);
        _json.WriteString("message", message);
        _json.WriteStartObject("properties");
        _json.WriteString("checks", checks.ToString(CultureInfo.InvariantCulture));
        _json.WriteEndObject();
        _json.WriteEndObject();
    }

    private void Result(string policyId, Severity severity, string result, bool scored)
    {
        _json.WriteStartObject();
        _json.WriteString("source", Source);
        _json.WriteString("policy", policyId);
        _json.WriteString("rule", policyId);
        if (PolicyCatalog.Find(policyId)?.Descriptor.Pack is { } pack)
        {
            _json.WriteString("category", pack);
        }

        _json.WriteString("severity", severity.ToString().ToLowerInvariant());
        _json.WriteStartObject("timestamp");
        _json.WriteNumber("seconds", _at.ToUnixTimeSeconds());
        _json.WriteNumber("nanos", (int)(_at.UtcTicks % TimeSpan.TicksPerSecond * 100));
        _json.WriteEndObject();
        _json.WriteString("result", result);
        _json.WriteBoolean("scored", scored);
    }

    private void Optional(string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            _json.WriteString(name, value);
        }
    }

    private static long Position(Utf8JsonWriter json) => json.BytesCommitted + json.BytesPending;

    private static string Checks(int n) => n == 1 ? "check" : "checks";

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
