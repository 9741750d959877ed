using BenchmarkDotNet.Attributes;
using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Benchmarks.PolicyEngine;

/// <summary>
/// Every policy of the catalog (all packs, plus the opt-in container-cpu-limit-missing) over the 10,000-workload
/// synthetic inventory; and the three best-practice packs alone. Checks per second = checks / mean time.
/// </summary>
[MemoryDiagnoser]
public class FullCatalogBenchmarks
{
    private ClusterSnapshot _snapshot = null!;
    private ClusterPolicySettings _all = null!;
    private ClusterPolicySettings _bestPractice = null!;

    [GlobalSetup]
    public void Setup()
    {
        _snapshot = SyntheticInventory.Create();
        var packs = PolicyCatalog.Descriptors.Select(d => d.Pack).Distinct().ToDictionary(p => p, _ => true);
        _all = (ClusterPolicySettings.Default with
        {
            Packs = packs,
            AllowedRegistries = ["registry.internal:5000", "docker.io/library", "ghcr.io/acme"],
            DigestExemptRegistries = ["registry.internal:5000/platform"],
            AutomountAllowedWorkloads = ["team-1*/svc-1*"],
        }).WithPolicy("container-cpu-limit-missing", new PolicyOverride(Enabled: true));
        _bestPractice = _all with { Packs = packs.ToDictionary(kv => kv.Key, kv => kv.Key != "image") };
        foreach (var (label, settings) in new[] { ("all", _all), ("bestPractice", _bestPractice) })
        {
            var result = PolicyEvaluator.Evaluate(_snapshot, settings);
            Console.WriteLine($"// {label}: policies={PolicyCatalog.Descriptors.Count(settings.IsEnabled)} workloads={_snapshot.Workloads.Count} "
                + $"containers={_snapshot.Workloads.Sum(w => w.AllContainers.Count())} pdbs={_snapshot.PodDisruptionBudgets.Count} "
                + $"checks={result.TotalChecks} findings={result.Findings.Count} score={result.ClusterScore().WholeScore}");
        }
    }

    [Benchmark]
    public EvaluationResult FullCatalog() => PolicyEvaluator.Evaluate(_snapshot, _all);

    [Benchmark]
    public EvaluationResult BestPracticePacks() => PolicyEvaluator.Evaluate(_snapshot, _bestPractice);
}
