using System.Text.Json;
using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Kubernetes.Manifests;

namespace KubeAdvisor.Core.Tests.Policies;

/// <summary>
/// Walks Policies/Fixtures/&lt;policy-id&gt;/: every catalog policy needs at least two pass.*.yaml and two
/// fail.*.yaml. An optional settings.json (ClusterPolicySettings JSON) in the folder supplies parameters; the
/// policy itself is always enabled. An optional history.json (DigestHistory entries) stands for earlier scans.
/// </summary>
public sealed class PolicyFixtureTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Policies", "Fixtures");

    public static TheoryData<string> PolicyIds => new(PolicyCatalog.All.Select(p => p.Descriptor.Id));

    [Theory]
    [MemberData(nameof(PolicyIds))]
    public void Evaluate_PolicyFixtures_PassFilesPassAndFailFilesFail(string policyId)
    {
        var policy = PolicyCatalog.Find(policyId)!;
        var folder = Path.Combine(Root, policyId);
        Assert.True(Directory.Exists(folder), $"{policyId} has no fixture folder (expected {folder})");
        var passes = Directory.GetFiles(folder, "pass.*.yaml");
        var fails = Directory.GetFiles(folder, "fail.*.yaml");
        Assert.True(passes.Length >= 2, $"{policyId} needs at least two pass.*.yaml fixtures");
        Assert.True(fails.Length >= 2, $"{policyId} needs at least two fail.*.yaml fixtures");

        var settings = LoadSettings(folder, policyId);
        var history = LoadHistory(folder);
        foreach (var file in passes.Concat(fails).Order(StringComparer.Ordinal))
        {
            var result = PolicyEvaluator.Evaluate(ManifestLoader.Load(File.ReadAllText(file)), settings, [policy], history);
            var tallies = result.Tallies.Where(t => t.PolicyId == policyId).ToArray();
            var passed = tallies.Sum(t => t.Passed);
            var failed = tallies.Sum(t => t.Failed);
            var messages = string.Join("; ", result.Findings.Select(f => f.Message));
            var name = Path.GetFileName(file);
            if (name.StartsWith("pass.", StringComparison.Ordinal))
            {
                Assert.True(failed == 0 && passed >= 1, $"{policyId}/{name}: expected only passes, got {passed} passed, {failed} failed ({messages})");
            }
            else
            {
                Assert.True(failed >= 1, $"{policyId}/{name}: expected a failure, got {passed} passed");
                Assert.All(result.Findings, f => Assert.Equal(policyId, f.PolicyId));
            }
        }
    }

    [Fact]
    public void Fixtures_EveryFolder_NamesACatalogPolicy()
    {
        var orphans = Directory.GetDirectories(Root).Select(Path.GetFileName).Where(id => PolicyCatalog.Find(id!) is null);

        Assert.Empty(orphans);
    }

    private static DigestHistory LoadHistory(string folder)
    {
        var path = Path.Combine(folder, "history.json");
        if (!File.Exists(path))
        {
            return DigestHistory.Empty;
        }

        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
        var file = JsonSerializer.Deserialize<HistoryFile>(File.ReadAllText(path), options)!;
        return new DigestHistory(file.Entries);
    }

    private sealed record HistoryFile(IReadOnlyList<DigestHistoryEntry> Entries);

    private static ClusterPolicySettings LoadSettings(string folder, string policyId)
    {
        var path = Path.Combine(folder, "settings.json");
        var settings = File.Exists(path)
            ? JsonSerializer.Deserialize<ClusterPolicySettings>(File.ReadAllText(path))!
            : ClusterPolicySettings.Default;
        Assert.DoesNotContain(settings.Validate(), e => !e.Contains("no registry is allowed", StringComparison.Ordinal));
        var current = settings.Policies.GetValueOrDefault(policyId) ?? new PolicyOverride();
        return settings.WithPolicy(policyId, current with { Enabled = true });
    }
}
