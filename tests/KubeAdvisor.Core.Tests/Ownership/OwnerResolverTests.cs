using KubeAdvisor.Core.Ownership;

namespace KubeAdvisor.Core.Tests.Ownership;

public sealed class OwnerResolverTests
{
    private static readonly Dictionary<string, string> None = [];

    private static OwnedObject Target(string ns, Dictionary<string, string>? labels = null, Dictionary<string, string>? annotations = null,
        Dictionary<string, string>? namespaceLabels = null) => new(ns, labels ?? None, annotations ?? None, namespaceLabels ?? None);

    [Fact]
    public void FirstMatchWins_InOrder()
    {
        var resolver = new OwnerResolver([
            new OwnershipRule("payments", ["pay-*"]),
            new OwnershipRule("platform", ["*"]),
            new OwnershipRule("never", ["pay-api"]),
        ]);

        Assert.Equal("payments", resolver.OwnerOf(Target("pay-api")));
        Assert.Equal("platform", resolver.OwnerOf(Target("shop")));
    }

    [Fact]
    public void NoMatch_IsUnowned() =>
        Assert.Null(new OwnerResolver([new OwnershipRule("payments", ["payments", "ledger"])]).OwnerOf(Target("shop")));

    [Theory]
    [InlineData("team=payments", "payments", true)]
    [InlineData("team=pay*", "payments", true)]
    [InlineData("team=payments", "orders", false)]
    [InlineData("owner=payments", "payments", false)]
    [InlineData("team", "anything", true)]
    public void NamespaceLabel(string rule, string value, bool matches) =>
        Assert.Equal(matches, new OwnershipRule("t", [], NamespaceLabel: rule).Matches(Target("x", namespaceLabels: new() { ["team"] = value })));

    [Fact]
    public void WorkloadLabel_OrKeptAnnotation()
    {
        var partOf = new OwnershipRule("checkout", [], WorkloadKey: "app.kubernetes.io/part-of", WorkloadValue: "checkout*");
        var owner = new OwnershipRule("search", [], WorkloadKey: "kubeadvisor.io/owner", WorkloadValue: "search");
        var anyOwner = new OwnershipRule("someone", [], WorkloadKey: "kubeadvisor.io/owner");

        Assert.True(partOf.Matches(Target("a", labels: new() { ["app.kubernetes.io/part-of"] = "checkout-v2" })));
        Assert.False(partOf.Matches(Target("a", labels: new() { ["app.kubernetes.io/part-of"] = "search" })));
        Assert.True(owner.Matches(Target("a", annotations: new() { ["kubeadvisor.io/owner"] = "search" })));
        Assert.False(owner.Matches(Target("a")));
        Assert.True(anyOwner.Matches(Target("a", annotations: new() { ["kubeadvisor.io/owner"] = "x" })));
    }

    [Fact]
    public void AllConditionsMustHold()
    {
        var rule = new OwnershipRule("t", ["prod-*"], NamespaceLabel: "tier=web", WorkloadKey: "app", WorkloadValue: "shop");

        Assert.True(rule.Matches(Target("prod-eu", new() { ["app"] = "shop" }, namespaceLabels: new() { ["tier"] = "web" })));
        Assert.False(rule.Matches(Target("dev-eu", new() { ["app"] = "shop" }, namespaceLabels: new() { ["tier"] = "web" })));
        Assert.False(rule.Matches(Target("prod-eu", new() { ["app"] = "shop" })));
        Assert.False(rule.Matches(Target("prod-eu", new() { ["app"] = "cart" }, namespaceLabels: new() { ["tier"] = "web" })));
    }

    [Fact]
    public void RuleWithoutConditions_IsACatchAll() =>
        Assert.True(new OwnershipRule("t", []).Matches(Target("anything")));

    [Fact]
    public void Validate_NamesEachProblem()
    {
        Assert.Empty(new OwnershipRule("t", ["a-*"], "team=x", "app", "y").Validate());
        Assert.Equal(4, new OwnershipRule("t", ["a b"], "=x", "has space", null).Validate().Count + new OwnershipRule("t", [], WorkloadValue: "v").Validate().Count);
    }
}
