using System.IO.Compression;
using System.Text;
using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.Kubernetes.Collection;
using KubeAdvisor.Kubernetes.Transport;

namespace KubeAdvisor.Kubernetes.Tests.Collection;

/// <summary>
/// ConfigMaps and PriorityClasses collected over HTTPS from the fake API (decision 0037): a ConfigMap keeps only its
/// secret-looking keys and why, never a value (not in the snapshot, not on the agent's wire); a forbidden ConfigMap list
/// makes the policy not evaluated and is reported only when that policy is on.
/// </summary>
public sealed class ConfigMapCollectionTests : FakeServerTestBase
{
    private static readonly ClusterPolicySettings ConfigMapPolicy = new()
    {
        Policies = new Dictionary<string, PolicyOverride> { ["configmap-secret-literal"] = new(Enabled: true) },
    };

    private async Task<ClusterSnapshot> CollectAsync()
    {
        using var client = Client();
        return await new ClusterCollector(TimeProvider.System).CollectAsync(client, CancellationToken.None);
    }

    [Fact]
    public async Task CollectAsync_DemoConfigMaps_KeysAndReasonsOnly_NoValueInTheSnapshotOrOnTheWire()
    {
        Server.Objects.Replace(DemoManifests.LoadAll());

        var snapshot = await CollectAsync();

        Assert.Equal(["git-deploy-key", "kube-root-ca.crt", "payments-settings", "web-config"], snapshot.ConfigMaps.Select(c => c.Name).Order());
        var payments = Assert.Single(snapshot.ConfigMaps, c => c.Name == "payments-settings");
        Assert.Equal([new SecretLookingKey("DB_PASSWORD", SecretLiteralReason.Name)], payments.SecretLookingKeys);
        var deployKey = Assert.Single(snapshot.ConfigMaps, c => c.Name == "git-deploy-key");
        Assert.Equal([new SecretLookingKey("id_ed25519", SecretLiteralReason.Value)], deployKey.SecretLookingKeys);
        Assert.All(snapshot.ConfigMaps.Where(c => c.Name is "web-config" or "kube-root-ca.crt"), c => Assert.Empty(c.SecretLookingKeys));

        var wire = await WireTextAsync(snapshot);
        Assert.Contains("\"DB_PASSWORD\"", wire, StringComparison.Ordinal);
        Assert.DoesNotContain("Sup3rSecret", wire, StringComparison.Ordinal);
        Assert.DoesNotContain("OPENSSH", wire, StringComparison.Ordinal);
        Assert.DoesNotContain("ZGVtby1vbmx5", wire, StringComparison.Ordinal);
        Assert.DoesNotContain("proxy_pass", wire, StringComparison.Ordinal);

        var back = await SnapshotJson.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(wire)), CancellationToken.None);
        Assert.Equal(payments.SecretLookingKeys, Assert.Single(back.ConfigMaps, c => c.Name == "payments-settings").SecretLookingKeys);
    }

    [Fact]
    public async Task CollectAsync_ManySecretKeysAndBinaryData_BoundedPerConfigMap()
    {
        var data = Enumerable.Range(0, ConfigMap.MaxKeys + 5).ToDictionary(i => $"TOKEN_{i:D2}", i => $"value-{i}");
        var pem = "-----BEGIN RSA PRIVATE KEY-----\nZGVtbw==\n-----END RSA PRIVATE KEY-----\n";
        Server.Objects.Replace([
            new k8s.Models.V1Namespace { Metadata = new() { Name = "app" } },
            new k8s.Models.V1ConfigMap { Metadata = new() { Name = "many", NamespaceProperty = "app" }, Data = data },
            new k8s.Models.V1ConfigMap
            {
                Metadata = new() { Name = "binary", NamespaceProperty = "app" },
                BinaryData = new Dictionary<string, byte[]> { ["signing.der"] = Encoding.UTF8.GetBytes(pem), ["logo.png"] = [0x89, 0x50, 0x4e, 0x47, 0, 1, 2] },
            },
        ]);

        var snapshot = await CollectAsync();

        var many = Assert.Single(snapshot.ConfigMaps, c => c.Name == "many");
        Assert.Equal(ConfigMap.MaxKeys, many.SecretLookingKeys.Count);
        Assert.Equal(5, many.MoreSecretLookingKeys);
        var binary = Assert.Single(snapshot.ConfigMaps, c => c.Name == "binary");
        Assert.Equal([new SecretLookingKey("signing.der", SecretLiteralReason.Value)], binary.SecretLookingKeys);
        var finding = Assert.Single(PolicyEvaluator.Evaluate(snapshot, ConfigMapPolicy).Findings, f => f.WorkloadName == "many");
        Assert.EndsWith("TOKEN_15 (its name says it holds a secret) and 5 more", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("value-", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CollectAsync_ConfigMapsForbidden_NotEvaluated_ReportedOnlyWhenThePolicyIsOn()
    {
        Server.Objects.Replace(DemoManifests.LoadAll());
        Server.Faults.ForbiddenResource = "configmaps";

        var snapshot = await CollectAsync();
        var on = PolicyEvaluator.Evaluate(snapshot, ConfigMapPolicy);
        var off = PolicyEvaluator.Evaluate(snapshot, new ClusterPolicySettings());

        var missing = new UnavailableKind("configmaps", "ConfigMap", 403);
        Assert.Equal([missing], snapshot.Unavailable);
        Assert.Empty(snapshot.ConfigMaps);
        Assert.Equal(["configmap-secret-literal"], on.NotEvaluated);
        Assert.DoesNotContain(on.Tallies, t => t.PolicyId == "configmap-secret-literal"); // no checks: not a pass
        Assert.True(snapshot.RunningComplete);
        Assert.Equal([missing], UnavailableKinds.Reported(snapshot.Unavailable, Needed(on)));
        Assert.Empty(UnavailableKinds.Reported(snapshot.Unavailable, Needed(off)));
        Assert.Contains("deploy/scanner-rbac-configmaps.yaml", UnavailableKinds.Advice(missing), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CollectAsync_OtherKindForbidden_ReportedWhateverThePolicies()
    {
        Server.Objects.Replace(DemoManifests.LoadAll());
        Server.Faults.ForbiddenResource = "priorityclasses";

        var snapshot = await CollectAsync();

        Assert.Equal([new UnavailableKind("priorityclasses.scheduling.k8s.io", "PriorityClass", 403)], snapshot.Unavailable);
        Assert.Equal(snapshot.Unavailable, UnavailableKinds.Reported(snapshot.Unavailable, []));
    }

    [Fact]
    public async Task CollectAsync_DemoPriorityClasses_NamesValuesAndDefault()
    {
        Server.Objects.Replace(DemoManifests.LoadAll());

        var snapshot = await CollectAsync();

        Assert.Equal(
            [new PriorityClass("business-critical", 100000, false), new PriorityClass("system-cluster-critical", 2000000000, false),
                new PriorityClass("system-node-critical", 2000001000, false)],
            snapshot.PriorityClasses);
    }

    private static IEnumerable<string> Needed(EvaluationResult result) =>
        result.NotEvaluated.SelectMany(id => PolicyCatalog.Find(id)!.Descriptor.RequiredKinds);

    private static async Task<string> WireTextAsync(ClusterSnapshot snapshot)
    {
        var gzip = await SnapshotJson.ToGzipAsync(snapshot, CancellationToken.None);
        await using var unzip = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        using var reader = new StreamReader(unzip, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
