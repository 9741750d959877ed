using System.Text.Json;
using k8s;
using k8s.Models;
using KubeAdvisor.Core.Admission;
using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Kubernetes.Manifests;

namespace KubeAdvisor.Core.Tests.Admission;

/// <summary>
/// Each expressible policy's CEL, as exported (the YAML read back), run with the Cel package against every object of
/// the policy's own fixtures (Policies/Fixtures/&lt;id&gt;, with its settings.json): the admission verdict must be the
/// evaluator's verdict for that object. Objects the binding leaves out (excluded namespaces) and objects the
/// evaluator folds into an owner in the same file are not compared, and counted.
/// </summary>
public sealed class CelFixtureTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Policies", "Fixtures");
    private static readonly HashSet<string> Kinds =
        ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob"];

    public static TheoryData<string> ExpressibleIds => new(PolicyCatalog.Descriptors.Select(d => d.Id).Where(CelPolicies.IsExpressible));

    [Theory]
    [MemberData(nameof(ExpressibleIds))]
    public void Review_PolicyFixtures_CelVerdictIsTheEvaluatorsVerdict(string policyId)
    {
        var folder = Path.Combine(Root, policyId);
        var settings = GeneratedPolicy.Only(policyId, LoadSettings(folder));
        var (policy, _) = GeneratedPolicy.For(settings);
        Assert.Single(policy.Spec.Validations);
        var cel = new VapCel(policy);
        var compared = 0;
        var celFailures = 0;
        foreach (var file in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            var snapshot = ManifestLoader.Load(text);
            var result = PolicyEvaluator.Evaluate(snapshot, settings, [PolicyCatalog.Find(policyId)!], DigestHistory.Empty);
            foreach (var obj in ManifestLoader.Parse(text).Where(o => Kinds.Contains(o.Kind)))
            {
                var meta = ((IMetadata<V1ObjectMeta>)obj).Metadata;
                var ns = string.IsNullOrEmpty(meta.NamespaceProperty) ? "default" : meta.NamespaceProperty;
                var workload = snapshot.Workloads.FirstOrDefault(w => w.Kind == obj.Kind && w.Namespace == ns && w.Name == meta.Name);
                if (workload is null || settings.ExcludedNamespaces.Contains(ns))
                {
                    continue;
                }

                var evaluatorFails = result.Findings.Any(f => f.WorkloadUid == workload.Uid);
                var messages = cel.Review(obj)!;
                var where = $"{policyId}/{Path.GetFileName(file)} {obj.Kind} {ns}/{meta.Name}";
                Assert.True(evaluatorFails == messages.Count > 0,
                    $"{where}: evaluator {(evaluatorFails ? "fails" : "passes")}, CEL {(messages.Count > 0 ? "fails: " + messages[0] : "admits")}");
                Assert.All(messages, m => Assert.StartsWith($"[{policyId}, ", m, StringComparison.Ordinal));
                compared++;
                celFailures += messages.Count;
            }
        }

        Assert.True(compared >= 4, $"{policyId}: only {compared} fixture objects compared");
        Assert.True(celFailures >= 2, $"{policyId}: CEL failed only {celFailures} fixture objects");
    }

    private static ClusterPolicySettings LoadSettings(string folder)
    {
        var path = Path.Combine(folder, "settings.json");
        return File.Exists(path) ? JsonSerializer.Deserialize<ClusterPolicySettings>(File.ReadAllText(path))! : ClusterPolicySettings.Default;
    }
}
