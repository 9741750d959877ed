using KubeAdvisor.Core.Scoring;
using KubeAdvisor.Web.Features.Fleet;

namespace KubeAdvisor.Web.Tests.Features.Fleet;

/// <summary>The query string of the fleet table: what it reads, what it ignores, what it writes back.</summary>
public sealed class FleetViewTests
{
    [Fact]
    public void Parse_Nothing_IsWorstFirst()
    {
        var view = FleetView.Parse(null, null, null, null, null, null);

        Assert.Equal("score", view.Sort);
        Assert.False(view.Descending);
        Assert.Empty(view.Labels);
        Assert.Equal("", view.Query());
    }

    [Theory]
    [InlineData("drop table", "sideways", "score", false)]
    [InlineData("NAME", "DESC", "name", true)]
    [InlineData("findings", "desc", "findings", true)]
    [InlineData("", "", "score", false)]
    public void Parse_SortAndDirection_UnknownFallsBackToTheDefault(string sort, string dir, string expectedSort, bool expectedDesc)
    {
        var view = FleetView.Parse(sort, dir, null, null, null, null);

        Assert.Equal(expectedSort, view.Sort);
        Assert.Equal(expectedDesc, view.Descending);
    }

    [Fact]
    public void Parse_BadValues_AreIgnoredNotThrown()
    {
        var view = FleetView.Parse(null, null, new string('x', 500), new string('a', 5000), "Z", "not a key!");

        Assert.Null(view.Text);
        Assert.Empty(view.Labels);
        Assert.Null(view.Grade);
        Assert.Null(view.GroupBy);
        Assert.Null(FleetView.Parse(null, null, null, null, "7", null).Grade); // a number is not a grade
        Assert.Equal(Grade.F, FleetView.Parse(null, null, null, null, "f", null).Grade);
    }

    [Fact]
    public void Parse_LabelConditions_AtMostFourValidOnes()
    {
        var view = FleetView.Parse(null, null, null, "env=prod, region ,bad key=x,a=1,b=2,c=3", null, null);

        Assert.Equal(["env=prod", "region", "a=1", "b=2"], view.Labels.Select(l => l.ToString()));
        Assert.Null(view.Labels[1].Value);
    }

    [Fact]
    public void Query_RoundTrips()
    {
        var view = FleetView.Parse("change", "desc", "pay ments", "env=prod,region", "C", "example.com/team");

        var query = view.Query();
        var back = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);
        var again = FleetView.Parse(back["sort"], back["dir"], back["q"], back["label"], back["grade"], back["group"]);

        Assert.Equal("?sort=change&dir=desc&q=pay%20ments&label=env%3Dprod%2Cregion&grade=C&group=example.com%2Fteam", query);
        Assert.Equal(view.Query(), again.Query());
        Assert.Equal("?sort=name&q=pay%20ments&label=env%3Dprod%2Cregion&grade=C&group=example.com%2Fteam", view.Query(sort: "name", descending: false));
    }
}
