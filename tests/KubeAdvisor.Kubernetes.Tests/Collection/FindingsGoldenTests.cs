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
/// Changed on purpose, 2026-12-04, by seven new policies (issue #16): pod-host-process, container-proc-mount-unmasked and
/// container-linux-hardening-missing (demo 275 → 294, synthetic 115,000 → 125,000 findings), then
/// workload-priority-class-missing, workload-topology-spread-missing, workload-disruption-budget-blocks-eviction and
/// workload-instance-label-mismatch (→ 321 and 145,000). Each time, the findings without the new policies' still gave
/// the earlier digest (checked in that commit). Then the automount policy's message for a pod that leaves the field
/// unset changed with ServiceAccounts collected (same counts; neither cluster has ServiceAccounts). Then
/// HorizontalPodAutoscalers and NetworkPolicies were collected with four policies: workload-network-policy-missing fails
/// every judged workload, as neither cluster has a NetworkPolicy (→ 338 and 155,000), and the three autoscaler policies
/// find nothing, as neither has an autoscaler; without the four, the findings still gave the earlier digests (checked).
/// Then Ingresses and RBAC were collected (issue #16, decision 0033) with ingress-tls-missing and the rbac pack, and the
/// demo cluster got two Ingresses and 40-rbac.yaml: six findings whose subject is an object, not a workload (the HTTP-only
/// Ingress, the ci-deployer cluster-admin binding, the debugger Role twice, the support and reader RoleBindings; demo
/// → 344); the synthetic cluster has no such objects (155,000, same digest). Without the six new policies the demo's
/// findings still gave the earlier digest (checked). Then ConfigMaps and PriorityClasses were collected (decision 0037) with
/// configmap-secret-literal and workload-priority-class-unknown, and the demo cluster got 50-config.yaml: two findings on
/// ConfigMaps (DB_PASSWORD, an OpenSSH key; demo → 346); without the two new policies the findings still gave the earlier
/// digests (checked). Then the synthetic cluster got the objects a real cluster has beside its workloads
/// (SyntheticObjects): a default-deny NetworkPolicy in every other namespace halves workload-network-policy-missing
/// (−5,000), one Ingress in three without TLS (+334) and one ConfigMap in fifty with DB_PASSWORD (+40): 150,374; the findings
/// of every other policy are those of the cluster without these objects (145,000 lines, compared one by one; checked).
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
    [InlineData("demo", 346, "201665633671a35b966cb38d7ef5363a0b848170305938c4356a4b7d6fe7522a")]
    [InlineData("synthetic-10000", 150_374, "10aaa812f3b8af1d72f6c03420aaf4088767c6b33ff3d587f7b7b424ede6224e")]
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
