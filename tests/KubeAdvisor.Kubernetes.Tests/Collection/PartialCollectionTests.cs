using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.Kubernetes.Collection;

namespace KubeAdvisor.Kubernetes.Tests.Collection;

/// <summary>
/// Partial scans (decision 0018), collected over HTTPS from the fake API with the demo cluster: an optional kind that
/// answers 403 or 404 is named in the snapshot, the policies that need it are not evaluated, and every other finding is
/// exactly what a complete scan finds; namespaces and pods stay mandatory.
/// </summary>
public sealed class PartialCollectionTests : FakeServerTestBase
{
    private static readonly ClusterPolicySettings Everything = new()
    {
        Packs = new Dictionary<string, bool> { ["security"] = true, ["reliability"] = true, ["efficiency"] = true },
        Policies = PolicyCatalog.Descriptors.ToDictionary(d => d.Id, _ => new PolicyOverride(Enabled: true)),
        ExcludedNamespaces = ["kube-system"],
    };

    private async Task<ClusterSnapshot> CollectAsync()
    {
        using var client = Client();
        return await new ClusterCollector(TimeProvider.System).CollectAsync(client, CancellationToken.None);
    }

    private static List<string> Lines(IEnumerable<Finding> findings) =>
        findings.Select(f => $"{f.WorkloadKind}|{f.Namespace}|{f.WorkloadName}|{f.ContainerName}|{f.PolicyId}|{f.Message}").Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task CollectAsync_PodDisruptionBudgetsForbidden_PartialAndOnlyTheBudgetPolicyIsNotEvaluated()
    {
        Server.Objects.Replace(DemoManifests.LoadAll());
        var complete = await CollectAsync();
        var full = PolicyEvaluator.Evaluate(complete, Everything);
        Server.Faults.ForbiddenResource = "poddisruptionbudgets";

        var partial = await CollectAsync();
        var result = PolicyEvaluator.Evaluate(partial, Everything);

        Assert.Equal([new UnavailableKind("poddisruptionbudgets.policy", "PodDisruptionBudget", 403)], partial.Unavailable);
        Assert.Empty(partial.PodDisruptionBudgets);
        Assert.NotEmpty(complete.PodDisruptionBudgets);
        Assert.Equal(complete.Workloads.Count, partial.Workloads.Count);
        Assert.Equal(["workload-disruption-budget-blocks-eviction", "workload-disruption-budget-exceeds-autoscaler-min", "workload-disruption-budget-missing"],
            result.NotEvaluated.Order());
        Assert.Empty(full.NotEvaluated);
        // Not a pass: the budget policy has no checks at all, while the complete scan had some.
        Assert.Contains(full.Tallies, t => t.PolicyId == "workload-disruption-budget-missing");
        Assert.DoesNotContain(result.Tallies, t => t.PolicyId == "workload-disruption-budget-missing");
        Assert.Contains(full.Findings, f => f.PolicyId == "workload-disruption-budget-missing");
        Assert.Equal(Lines(full.Findings.Where(f => !f.PolicyId.StartsWith("workload-disruption-budget-", StringComparison.Ordinal))), Lines(result.Findings));
    }

    [Fact]
    public async Task CollectAsync_CronJobsNotServed_PartialWithoutCronJobWorkloads()
    {
        Server.Objects.Replace(DemoManifests.LoadAll());
        var full = PolicyEvaluator.Evaluate(await CollectAsync(), Everything);
        Server.Faults.NotServedResource = "cronjobs";

        var partial = await CollectAsync();
        var result = PolicyEvaluator.Evaluate(partial, Everything);

        Assert.Equal([new UnavailableKind("cronjobs.batch", "CronJob", 404)], partial.Unavailable);
        Assert.DoesNotContain(partial.Workloads, w => w.Kind == "CronJob");
        Assert.Contains(full.Findings, f => f.WorkloadKind == "CronJob");
        Assert.Empty(result.NotEvaluated); // no policy needs CronJobs: their workloads are simply unknown
        Assert.Equal(Lines(full.Findings.Where(f => f.WorkloadKind != "CronJob")), Lines(result.Findings));
    }

    [Fact]
    public async Task CollectAsync_NetworkPoliciesForbidden_OnlyTheNetworkPolicyPolicyIsNotEvaluatedAndWhatRunsIsComplete()
    {
        Server.Objects.Replace(DemoManifests.LoadAll());
        var full = PolicyEvaluator.Evaluate(await CollectAsync(), Everything);
        Server.Faults.ForbiddenResource = "networkpolicies";

        var partial = await CollectAsync();
        var result = PolicyEvaluator.Evaluate(partial, Everything);

        Assert.Equal([new UnavailableKind("networkpolicies.networking.k8s.io", "NetworkPolicy", 403)], partial.Unavailable);
        Assert.True(partial.RunningComplete); // not a workload kind: what runs is still fully known
        Assert.Equal(["workload-network-policy-missing"], result.NotEvaluated);
        Assert.Contains(full.Findings, f => f.PolicyId == "workload-network-policy-missing");
        Assert.Equal(Lines(full.Findings.Where(f => f.PolicyId != "workload-network-policy-missing")), Lines(result.Findings));
    }

    [Fact]
    public async Task CollectAsync_ClusterRolesForbidden_OnlyThePoliciesThatReadRolesAreNotEvaluated()
    {
        Server.Objects.Replace(DemoManifests.LoadAll());
        var full = await CollectAsync();
        var fullResult = PolicyEvaluator.Evaluate(full, Everything);
        Server.Faults.ForbiddenResource = "clusterroles";

        var partial = await CollectAsync();
        var result = PolicyEvaluator.Evaluate(partial, Everything);

        Assert.Equal([new UnavailableKind("clusterroles.rbac.authorization.k8s.io", "ClusterRole", 403)], partial.Unavailable);
        Assert.True(partial.RunningComplete);
        Assert.Equal(["rbac-binding-pod-exec", "rbac-role-pod-exec", "rbac-secrets-wildcard"], result.NotEvaluated);
        Assert.DoesNotContain(partial.Roles, r => r.Kind == "ClusterRole");
        Assert.Contains(partial.Roles, r => r.Kind == "Role"); // the namespaced kind was listed
        var notEvaluated = result.NotEvaluated.ToHashSet();
        Assert.Equal(Lines(fullResult.Findings.Where(f => !notEvaluated.Contains(f.PolicyId))), Lines(result.Findings));
        // Over HTTPS, the objects keep their scope: cluster-scoped ones have no namespace.
        var binding = Assert.Single(full.RoleBindings, b => b.Name == "ci-deployer");
        Assert.Equal(("ClusterRoleBinding", "", "ClusterRole", "cluster-admin"), (binding.Kind, binding.Namespace, binding.RoleKind, binding.RoleName));
        Assert.NotEmpty(binding.Uid);
        Assert.Contains(fullResult.Findings, f => f is { PolicyId: "rbac-cluster-admin-binding", Namespace: "", WorkloadName: "ci-deployer" });
        Assert.Equal(["shop/status", "shop/web"], full.Ingresses.Select(i => $"{i.Namespace}/{i.Name}"));
    }

    [Fact]
    public async Task CollectAsync_AutoscalersNotServed_TheThreeAutoscalerPoliciesAreNotEvaluated()
    {
        Server.Objects.Replace(DemoManifests.LoadAll());
        Server.Faults.NotServedResource = "horizontalpodautoscalers";

        var partial = await CollectAsync();
        var result = PolicyEvaluator.Evaluate(partial, Everything);

        Assert.Equal([new UnavailableKind("horizontalpodautoscalers.autoscaling", "HorizontalPodAutoscaler", 404)], partial.Unavailable);
        Assert.True(partial.RunningComplete);
        Assert.Equal(["workload-autoscaler-fixed-size", "workload-autoscaler-single-replica", "workload-disruption-budget-exceeds-autoscaler-min"],
            result.NotEvaluated.Order(StringComparer.Ordinal));
        Assert.Contains("does not serve autoscaling/v2 horizontalpodautoscalers", UnavailableKinds.Advice(partial.Unavailable[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CollectAsync_ReplicaSetsForbidden_RunningDigestPoliciesNotEvaluated()
    {
        Server.Objects.Replace(DemoManifests.LoadAll());
        Server.Faults.ForbiddenResource = "replicasets";

        var partial = await CollectAsync();
        var result = PolicyEvaluator.Evaluate(partial, Everything);

        Assert.Equal(["replicasets.apps"], partial.Unavailable.Select(u => u.Resource));
        Assert.False(partial.RunningComplete);
        Assert.DoesNotContain(partial.Workloads, w => w.Kind == "ReplicaSet");
        Assert.Equal(["image-replica-drift", "image-tag-moved"], result.NotEvaluated);
        Assert.Contains(partial.Workloads, w => w.Kind == "Deployment");
    }

    [Theory]
    [InlineData("pods", "cannot list pods: forbidden")]
    [InlineData("namespaces", "cannot list namespaces: forbidden")]
    public async Task CollectAsync_MandatoryKindForbidden_StillFails(string resource, string message)
    {
        Server.Faults.ForbiddenResource = resource;

        var e = await Assert.ThrowsAsync<ClusterScanException>(CollectAsync);

        Assert.Equal((message, false), (e.Message, e.IsTransient));
    }

    [Fact]
    public async Task CollectAsync_PodsNotServed_StillFails()
    {
        Server.Faults.NotServedResource = "pods";

        var e = await Assert.ThrowsAsync<ClusterScanException>(CollectAsync);

        Assert.Equal("404 Not Found: the API server does not serve pods", e.Message);
    }

    [Fact]
    public async Task CollectAsync_Unauthorized_StillFails()
    {
        Server.Faults.Unauthorized = true;

        var e = await Assert.ThrowsAsync<ClusterScanException>(CollectAsync);

        Assert.StartsWith("401", e.Message);
    }

    [Fact]
    public void Advice_Forbidden_NamesTheRbacRuleInTheDeployFilesStyle()
    {
        var pdb = new UnavailableKind("poddisruptionbudgets.policy", "PodDisruptionBudget", 403);
        var rc = new UnavailableKind("replicationcontrollers", "ReplicationController", 403);

        Assert.Equal("cannot list poddisruptionbudgets.policy (403)", UnavailableKinds.Describe(pdb));
        Assert.Equal("add `apiGroups: [\"policy\"], resources: [\"poddisruptionbudgets\"], verbs: [\"get\", \"list\"]` to the scanner's ClusterRole (deploy/scanner-rbac.yaml)",
            UnavailableKinds.Advice(pdb));
        Assert.Equal("apiGroups: [\"\"], resources: [\"replicationcontrollers\"], verbs: [\"get\", \"list\"]", UnavailableKinds.RbacRule(rc.Resource));
        Assert.Equal("incomplete: cannot list poddisruptionbudgets.policy (403), cannot list replicationcontrollers (403)", UnavailableKinds.Warning([pdb, rc]));
    }

    [Fact]
    public void RequiredKinds_EveryPolicy_NamesOnlyOptionalKindsTheCollectorLists()
    {
        var needs = PolicyCatalog.Descriptors.SelectMany(d => d.RequiredKinds.Select(k => (d.Id, Kind: k))).ToList();

        // One kind each: the two budget policies, the automount policy, the two autoscaler policies, the network policy
        // one and the Ingress one; two each: the running-digest policies, the budget-against-autoscaler policy and four
        // of the rbac pack (roles, or bindings, of both scopes); four: the binding-hands-out-exec policy (roles and bindings);
        // then one each: the ConfigMap policy and the two priority-class policies (decision 0037).
        Assert.Equal(28, needs.Count);
        Assert.All(needs, n => Assert.Single(UnavailableKinds.Checked([new UnavailableKind(n.Kind, "", 403)])));
    }

    [Fact]
    public void Checked_WhatAnAgentReports_KeepsOnlyOptionalKindsWith403Or404()
    {
        var reported = new[]
        {
            new UnavailableKind("cronjobs.batch", "Anything", 404),
            new UnavailableKind("pods", "Pod", 403), // mandatory: a snapshot without pods is no snapshot
            new UnavailableKind("secrets", "Secret", 403), // not a kind we list
            new UnavailableKind("jobs.batch", "Job", 500),
            new UnavailableKind("cronjobs.batch", "CronJob", 403), // second report of the same kind
            new UnavailableKind("poddisruptionbudgets.policy", "PodDisruptionBudget", 403),
        };

        var kept = UnavailableKinds.Checked(reported);

        Assert.Equal([new UnavailableKind("cronjobs.batch", "CronJob", 404), new UnavailableKind("poddisruptionbudgets.policy", "PodDisruptionBudget", 403)], kept);
        Assert.Equal("cronjobs.batch=404,poddisruptionbudgets.policy=403", UnavailableKinds.Encode(kept));
        Assert.Equal(kept, UnavailableKinds.Decode(UnavailableKinds.Encode(kept)));
        Assert.Null(UnavailableKinds.Encode([]));
        Assert.Empty(UnavailableKinds.Decode("garbage,=,x=y"));
    }
}
