using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Core.Tests.Inventory;

public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Pod = new() { ["app"] = "web", ["tier"] = "front" };

    private static LabelSelector Selector(IReadOnlyDictionary<string, string>? labels = null, params LabelSelectorRequirement[] expressions) =>
        new(labels ?? new Dictionary<string, string>(), expressions);

    private static LabelSelectorRequirement Req(string key, string op, params string[] values) => new(key, op, values);

    [Theory]
    [InlineData("app", "In", "web,api", true)]
    [InlineData("app", "In", "api", false)]
    [InlineData("track", "In", "stable", false)] // absent label never satisfies In
    [InlineData("app", "NotIn", "api", true)]
    [InlineData("app", "NotIn", "web", false)]
    [InlineData("track", "NotIn", "canary", true)] // absent label satisfies NotIn
    [InlineData("tier", "Exists", "", true)]
    [InlineData("track", "Exists", "", false)]
    [InlineData("track", "DoesNotExist", "", true)]
    [InlineData("app", "DoesNotExist", "", false)]
    [InlineData("app", "in", "web", false)] // operators are case-sensitive; unknown ones match nothing
    [InlineData("app", "Equals", "web", false)]
    public void Matches_MatchExpression_FollowsKubernetes(string key, string op, string values, bool expected)
    {
        var selector = Selector(null, Req(key, op, values.Split(',', StringSplitOptions.RemoveEmptyEntries)));

        Assert.Equal(expected, selector.Matches(Pod));
    }

    [Fact]
    public void Matches_EmptySelector_MatchesEverything()
    {
        Assert.True(Selector().Matches(Pod));
        Assert.True(Selector().Matches(new Dictionary<string, string>()));
    }

    [Fact]
    public void Matches_LabelsAndExpressions_AreAnded()
    {
        var labels = new Dictionary<string, string> { ["app"] = "web" };

        Assert.True(Selector(labels, Req("tier", "In", "front")).Matches(Pod));
        Assert.False(Selector(labels, Req("tier", "In", "back")).Matches(Pod));
        Assert.False(Selector(new Dictionary<string, string> { ["app"] = "WEB" }).Matches(Pod)); // values are case-sensitive
        Assert.False(Selector(new Dictionary<string, string> { ["app"] = "web", ["zone"] = "a" }).Matches(Pod));
    }

    [Fact]
    public void Selects_NullSelectorBudget_SelectsNothingButEmptyOneSelectsAll()
    {
        var empty = new PodDisruptionBudget("shop", "all", Selector());
        var none = empty with { SelectsNothing = true };

        Assert.True(empty.Selects(Pod));
        Assert.False(none.Selects(Pod));
    }
}
