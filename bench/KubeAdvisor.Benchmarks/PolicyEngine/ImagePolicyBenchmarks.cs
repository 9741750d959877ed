using BenchmarkDotNet.Attributes;
using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Benchmarks.PolicyEngine;

/// <summary>
/// All seven image policies over 10,000 workloads / 30,000 containers (about 200,000 container-policy checks per
/// operation; invalid references are not applicable to six of them), and the three default-on policies. Checks per second = checks / mean time.
/// </summary>
[MemoryDiagnoser]
public class ImagePolicyBenchmarks
{
    private ClusterSnapshot _snapshot = null!;
    private ClusterPolicySettings _all = null!;

    [GlobalSetup]
    public void Setup()
    {
        _snapshot = SyntheticInventory.Create();
        _all = ClusterPolicySettings.Default with
        {
            Packs = new Dictionary<string, bool> { ["image"] = true },
            AllowedRegistries = ["registry.internal:5000", "docker.io/library", "ghcr.io/acme"],
            DigestExemptRegistries = ["registry.internal:5000/platform"],
        };
        var result = PolicyEvaluator.Evaluate(_snapshot, _all);
        Console.WriteLine($"// workloads={_snapshot.Workloads.Count} containers={_snapshot.Workloads.Sum(w => w.AllContainers.Count())} "
            + $"checks={result.TotalChecks} findings={result.Findings.Count} score={result.ClusterScore().WholeScore} "
            + $"defaultChecks={PolicyEvaluator.Evaluate(_snapshot, ClusterPolicySettings.Default).TotalChecks}");
    }

    [Benchmark]
    public EvaluationResult AllImagePolicies() => PolicyEvaluator.Evaluate(_snapshot, _all);

    [Benchmark]
    public EvaluationResult DefaultPolicies() => PolicyEvaluator.Evaluate(_snapshot, ClusterPolicySettings.Default);
}
