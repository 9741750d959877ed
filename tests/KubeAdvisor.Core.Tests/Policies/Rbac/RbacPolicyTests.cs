using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Kubernetes.Manifests;

namespace KubeAdvisor.Core.Tests.Policies.Rbac;

/// <summary>The rbac pack: how rules match as the RBAC authorizer does, the docs' example failures, scopes and scores.</summary>
public sealed class RbacPolicyTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Policies", "Fixtures");

    [Theory]
    [InlineData("pods/exec", "create", true)]
    [InlineData("*", "create", true)]
    [InlineData("*/exec", "create", true)]
    [InlineData("pods/*", "create", false)] // RBAC has no "pods/*": only "*" and "*/subresource" are wildcards
    [InlineData("pods", "create", false)]
    [InlineData("pods/exec", "list", false)]
    public void GrantsCore_Resource_MatchesAsTheAuthorizer(string resource, string verb, bool granted)
    {
        var rule = new RbacRule([""], [resource], [verb]);

        Assert.Equal(granted, rule.GrantsCore("pods/exec", "create"));
    }

    [Theory]
    [InlineData(new[] { "apps" }, false)]
    [InlineData(new[] { "*" }, true)]
    [InlineData(new[] { "apps", "" }, true)]
    public void GrantsCore_ApiGroups_CoreOrWildcardOnly(string[] groups, bool granted)
    {
        Assert.Equal(granted, new RbacRule(groups, ["secrets"], ["*"]).GrantsCore("secrets", "get"));
    }

    [Theory]
    [InlineData("rbac-cluster-admin-binding", "rbac-cluster-admin-binding/fail.service-account.yaml")]
    [InlineData("rbac-role-pod-exec", "rbac-binding-pod-exec/fail.clusterrolebinding.yaml")]
    [InlineData("rbac-binding-pod-exec", "rbac-binding-pod-exec/fail.rolebinding-to-builtin-edit.yaml")]
    [InlineData("rbac-secrets-wildcard", "rbac-secrets-wildcard/fail.all-core-resources.yaml")]
    [InlineData("rbac-default-service-account-bound", "rbac-default-service-account-bound/fail.namespace-default.yaml")]
    public void ExampleFailure_IsTheMessageThePolicyWrites(string policyId, string fixture)
    {
        var policy = PolicyCatalog.Find(policyId)!;
        var snapshot = ManifestLoader.Load(File.ReadAllText(Path.Combine(Fixtures, fixture)));

        var result = PolicyEvaluator.Evaluate(snapshot, ClusterPolicySettings.Default.WithPolicy(policyId, new PolicyOverride(Enabled: true)), [policy]);

        Assert.Equal([policy.Descriptor.ExampleFailure], result.Findings.Select(f => f.Message));
    }

    [Fact]
    public void Load_ClusterScopedObjects_HaveNoNamespaceAndBindingsTheirRole()
    {
        var snapshot = ManifestLoader.Load(File.ReadAllText(Path.Combine(Fixtures, "rbac-binding-pod-exec/fail.rolebinding-to-builtin-edit.yaml")));

        var role = Assert.Single(snapshot.Roles);
        Assert.Equal(("ClusterRole", "", "edit"), (role.Kind, role.Namespace, role.Name));
        var binding = Assert.Single(snapshot.RoleBindings);
        Assert.Equal(("RoleBinding", "shop", "ClusterRole", "edit"), (binding.Kind, binding.Namespace, binding.RoleKind, binding.RoleName));
        Assert.Equal("Group:support", Assert.Single(binding.Subjects).ToString());
        Assert.Equal(2, snapshot.Objects.Count());
        Assert.Empty(snapshot.Workloads);
    }

    [Fact]
    public void Evaluate_ClusterScopedObject_CountsInTheClusterScoreButInNoNamespace()
    {
        var snapshot = ManifestLoader.Load(File.ReadAllText(Path.Combine(Fixtures, "rbac-cluster-admin-binding/fail.service-account.yaml")));

        var result = PolicyEvaluator.Evaluate(snapshot, ClusterPolicySettings.Default with { Packs = new Dictionary<string, bool> { ["rbac"] = true } });

        var finding = Assert.Single(result.Findings);
        Assert.Equal(("", "ClusterRoleBinding", "ci-deployer"), (finding.Namespace, finding.WorkloadKind, finding.WorkloadName));
        // cluster-admin failed (high, weight 3); the default-ServiceAccount check passed (medium, weight 2): 2 of 5.
        Assert.Equal(40d, result.ClusterScore().Score);
        Assert.Empty(result.ScoresByNamespace());
    }

    [Fact]
    public void Pack_OffByDefault_OnWithThePack()
    {
        var rbac = PolicyCatalog.Descriptors.Where(d => d.Pack == "rbac").ToList();
        var on = ClusterPolicySettings.Default with { Packs = new Dictionary<string, bool> { ["rbac"] = true } };

        Assert.Equal(5, rbac.Count);
        Assert.All(rbac, d => Assert.False(ClusterPolicySettings.Default.IsEnabled(d)));
        Assert.All(rbac, d => Assert.True(on.IsEnabled(d)));
        Assert.All(rbac, d => Assert.Equal(PolicyScope.Object, PolicyCatalog.Find(d.Id)!.Scope));
    }

    [Theory]
    [InlineData("Group:platform-admins", true)]
    [InlineData("ServiceAccount:argocd/*", true)]
    [InlineData("User:", false)]
    [InlineData("ServiceAccount:no-slash", false)]
    [InlineData("Robot:r2d2", false)]
    [InlineData("Group:has space", false)]
    public void Validate_AllowedSubjects_NeedAKindAndAName(string entry, bool valid)
    {
        var errors = (ClusterPolicySettings.Default with { RbacAllowedSubjects = [entry] }).Validate();

        Assert.Equal(valid, errors.Count == 0);
    }
}
