using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Web.Features.Agents;

namespace KubeAdvisor.Web.Tests.Features.Agents;

/// <summary>
/// The objects a pushed snapshot carries (decision 0033) are checked on intake: each list holds only its own kinds (the
/// kind is on the wire, and a row stays what it claims), named, and scoped as its kind is.
/// </summary>
public sealed class SnapshotValidatorObjectsTests
{
    private static readonly RbacBinding Binding = new("ClusterRoleBinding", "", "ci-deployer", "uid-1", "ClusterRole", "cluster-admin",
        [new RbacSubject("ServiceAccount", "deployer", "ci")]);

    [Fact]
    public void Validate_PlausibleObjects_AreAccepted()
    {
        var snapshot = AgentPushClient.Snapshot() with
        {
            Ingresses = [new Ingress("shop", "web", "uid-2", ["shop.example.com"], [new IngressTls([])])],
            Roles = [new RbacRole("Role", "shop", "debugger", "uid-3", [new RbacRule([""], ["pods/exec"], ["create"])])],
            RoleBindings = [Binding],
        };

        Assert.Empty(SnapshotValidator.Validate(snapshot));
    }

    [Fact]
    public void Validate_IngressClaimingAnotherKind_IsRefused()
    {
        var snapshot = AgentPushClient.Snapshot() with { Ingresses = [new Ingress("shop", "web", "u", [], []) { Kind = "Deployment" }] };

        Assert.Contains(SnapshotValidator.Validate(snapshot), e => e.Contains("ingresses[0].kind must be Ingress", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ClusterRoleBinding", "shop")] // cluster-scoped with a namespace
    [InlineData("RoleBinding", "")] // namespaced without one
    public void Validate_BindingScopedAgainstItsKind_IsRefused(string kind, string ns)
    {
        var snapshot = AgentPushClient.Snapshot() with { RoleBindings = [Binding with { Kind = kind, Namespace = ns }] };

        Assert.Contains(SnapshotValidator.Validate(snapshot), e => e.Contains("roleBindings[0] needs a name, and a namespace exactly when", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NullSubject_IsRefused()
    {
        var snapshot = AgentPushClient.Snapshot() with { RoleBindings = [Binding with { Subjects = [null!] }] };

        Assert.Contains(SnapshotValidator.Validate(snapshot), e => e.Contains("roleBindings[0] has a null or out-of-bounds entry", StringComparison.Ordinal));
    }
}
