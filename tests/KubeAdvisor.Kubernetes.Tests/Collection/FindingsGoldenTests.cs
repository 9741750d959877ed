using System.Security.Cryptography;
using System.Text;
using k8s;
using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.Kubernetes.Collection;

namespace KubeAdvisor.Kubernetes.Tests.Collection;

/// <summary>
/// The findings of a scan are byte-for-byte what they were when this test was written (2026-12-04, before the
/// "one way through the house" refactors of issue #14): the demo cluster and a synthetic 10,000-workload cluster,
/// collected over HTTPS from the fake API and judged by every policy. A refactor that changes a single finding, message
/// or remediation text changes the digest. When a change is intended (a new policy, a better message), update the
/// digest in the same commit and say why.
/// Changed on purpose: 2026-12-04, three new policies (pod-host-process, container-proc-mount-unmasked,
/// container-linux-hardening-missing; demo 275 → 294, synthetic 115,000 → 125,000 findings). Without their findings
/// the digests were still the earlier ones (checked in that commit).
/// </summary>
public sealed class FindingsGoldenTests : FakeServerTestBase
{
    private static readonly ClusterPolicySettings Everything = new()
    {
        Packs = new Dictionary<string, bool> { ["security"] = true, ["reliability"] = true, ["efficiency"] = true },
        Policies = PolicyCatalog.Descriptors.ToDictionary(d => d.Id, _ => new PolicyOverride(Enabled: true)),
        ExcludedNamespaces = ["kube-system"],
        AllowedRegistries = ["docker.io/library", "registry.k8s.io"],
    };

    [Theory]
    [InlineData("demo", 294, "73cfcf34ad1f9968c91dbf75e3efd05d50380b652569d0f0ffd35e9b5eda784e")]
    [InlineData("synthetic-10000", 125_000, "286ba9aa598e124567c562a3a66fe2d92bb547d155929d622223d3a6ede9e83d")]
    public async Task Scan_EveryPolicy_FindingsAreUnchanged(string cluster, int expectedCount, string expectedSha256)
    {
        Server.Objects.Replace(cluster == "demo" ? DemoManifests.LoadAll() : SyntheticCluster.Generate(10_000));
        using var client = Client();
        var snapshot = await new ClusterCollector(TimeProvider.System).CollectAsync(client, CancellationToken.None);

        var lines = PolicyEvaluator.Evaluate(snapshot, Everything).Findings.Select(Line).Order(StringComparer.Ordinal).ToList();
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))));

        Assert.True((lines.Count, digest) == (expectedCount, expectedSha256), $"{cluster}: {lines.Count} findings, sha256 {digest}");
    }

    private static string Line(Finding f) =>
        string.Join('|', f.WorkloadUid, f.WorkloadKind, f.Namespace, f.WorkloadName, f.ContainerName, f.ContainerType, f.Image, f.PolicyId,
            f.Severity, f.Message, f.Remediation);
}
