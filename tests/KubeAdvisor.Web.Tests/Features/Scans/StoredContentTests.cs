using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Scans;

namespace KubeAdvisor.Web.Tests.Features.Scans;

/// <summary>
/// The previous state holds hashes of the columns a scan rewrites (decision 0041): a column left out of a hash would be
/// a change no scan writes.
/// </summary>
public sealed class StoredContentTests
{
    private static readonly ContentHash Hash = new();

    [Fact]
    public void ContentColumns_EveryColumnOfAWorkloadsRow_IsHashedOrWrittenByItsLifecycle()
    {
        // Identity, and what WorkloadWriter sets itself: first seen once, last seen and gone when it goes or changes.
        string[] lifecycle = [nameof(WorkloadRecord.Id), nameof(WorkloadRecord.ClusterId), nameof(WorkloadRecord.Uid), nameof(WorkloadRecord.FirstSeen),
            nameof(WorkloadRecord.LastSeen), nameof(WorkloadRecord.GoneAt)];

        Assert.Equal(typeof(WorkloadRecord).GetProperties().Select(p => p.Name).Order(), lifecycle.Concat(StoredWorkload.ContentColumns).Order());
    }

    [Fact]
    public void ContentColumns_EveryColumnOfAFindingsRow_IsHashedOrWrittenByItsLifecycle()
    {
        // Identity (the fingerprint is workload, container and policy), what the lifecycle sets when a finding opens,
        // resolves or changes, the team (Owners.SyncFindingsAsync) and the computed search text.
        string[] lifecycle = [nameof(FindingRecord.Id), nameof(FindingRecord.ClusterId), nameof(FindingRecord.Fingerprint), nameof(FindingRecord.PolicyId),
            nameof(FindingRecord.IsOpen), nameof(FindingRecord.FirstSeen), nameof(FindingRecord.LastSeen), nameof(FindingRecord.LastScanId),
            nameof(FindingRecord.Note), nameof(FindingRecord.IntroducedByScanId), nameof(FindingRecord.FixedByScanId), nameof(FindingRecord.TeamId),
            nameof(FindingRecord.SearchText)];

        Assert.Equal(typeof(FindingRecord).GetProperties().Select(p => p.Name).Order(), lifecycle.Concat(StoredFinding.ContentColumns).Order());
    }

    public static TheoryData<string, Func<UInt128>> WorkloadChanges => new()
    {
        { "kind", () => Workload(kind: "StatefulSet") },
        { "namespace", () => Workload(ns: "other") },
        { "name", () => Workload(name: "web2") },
        { "replicas", () => Workload(replicas: 3) },
        { "replicas unset", () => Workload(replicas: null) },
        { "annotations", () => Workload(annotations: """{"kubeadvisor.io/exempt": "image-tag-latest"}""") },
        { "container image", () => Workload(containers: """[{"Name": "web", "Type": "Container", "Image": "nginx:1.27.3", "ImagePullPolicy": null}]""") },
        { "labels only", () => Workload(labels: """{"app": "web", "team": "b"}""") },
        { "team", () => Workload(team: Guid.Empty) },
        { "text moved between columns", () => Workload(ns: "shopw", name: "eb") },
    };

    [Theory]
    [MemberData(nameof(WorkloadChanges))]
    public void StoredWorkloadHash_OneColumnChanged_Differs(string change, Func<UInt128> changed)
    {
        Assert.Equal(Workload(), Workload());
        Assert.True(Workload() != changed(), change);
    }

    public static TheoryData<string, Func<UInt128>> FindingChanges => new()
    {
        { "workload", () => Finding(workloadId: Guid.Empty) },
        { "namespace", () => Finding(ns: "other") },
        { "kind", () => Finding(kind: "DaemonSet") },
        { "workload name", () => Finding(workloadName: "api") },
        { "container", () => Finding(container: "sidecar") },
        { "no container", () => Finding(container: null) },
        { "container type", () => Finding(type: ContainerType.Init) },
        { "image", () => Finding(image: "nginx:1.27.3") },
        { "severity", () => Finding(severity: Severity.Critical) },
        { "message", () => Finding(message: "image nginx:1.27.3 has no tag") },
        { "remediation", () => Finding(remediation: "Pin the tag.\nPin it: image: nginx@sha256:abc") },
        { "resolved", () => Finding(resolvedAt: DateTimeOffset.UnixEpoch) },
    };

    [Theory]
    [MemberData(nameof(FindingChanges))]
    public void StoredFindingHash_OneColumnChanged_Differs(string change, Func<UInt128> changed)
    {
        Assert.Equal(Finding(), Finding());
        Assert.True(Finding() != changed(), change);
    }

    private static readonly Guid Team = Guid.Parse("6f1c1d1e-0000-4000-8000-000000000001");
    private static readonly Guid WorkloadId = Guid.Parse("6f1c1d1e-0000-4000-8000-000000000002");

    private static UInt128 Workload(string kind = "Deployment", string ns = "shop", string name = "web", int? replicas = 1,
        string annotations = "{}", string containers = """[{"Name": "web", "Type": "Container", "Image": "nginx", "ImagePullPolicy": null}]""",
        string labels = """{"app": "web"}""", Guid? team = null) =>
        StoredWorkload.Hash(Hash, kind, ns, name, replicas, annotations, containers, labels, team ?? Team);

    private static UInt128 Finding(Guid? workloadId = null, string ns = "shop", string kind = "Deployment", string workloadName = "web",
        string? container = "web", ContainerType? type = ContainerType.Regular, string? image = "nginx", Severity severity = Severity.High,
        string message = "image nginx has no tag", string remediation = "Pin the tag.", DateTimeOffset? resolvedAt = null) =>
        StoredFinding.Hash(Hash, workloadId ?? WorkloadId, ns, kind, workloadName, container, type, image, severity, message, remediation, resolvedAt);
}
