using KubeAdvisor.Core.Policies;
using KubeAdvisor.Core.Scoring;
using KubeAdvisor.Data;
using KubeAdvisor.Web.Features.Fleet;
using KubeAdvisor.Web.Tests.Features.Dashboard;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace KubeAdvisor.Web.Tests.Features.Fleet;

/// <summary>The fleet table's data and views against real PostgreSQL (FleetSeeder's four clusters).</summary>
[Collection(FleetCollection.Name)]
public sealed class FleetQueriesTests(FleetFixture fx)
{
    private async Task<IReadOnlyList<FleetRow>> LoadAsync()
    {
        var services = new Support.DbFactory(fx.Database.ConnectionString);
        return await new FleetQueries(services, new FakeTimeProvider(DashboardFixture.Now)).LoadAsync();
    }

    [Fact]
    public async Task Load_ScoresFindingsAndConnection_FromTheLastScans()
    {
        var rows = (await LoadAsync()).ToDictionary(r => r.Name);

        Assert.Equal(4, rows.Count);
        Assert.Equal(60, rows["alpha"].Score!.Value, 3);
        Assert.Equal(Grade.D, rows["alpha"].Grade);
        Assert.Equal(90, rows["bravo"].Score!.Value, 3);
        Assert.Null(rows["delta"].Score);
        Assert.Equal(1, rows["alpha"].OpenBySeverity[Severity.Critical]);
        Assert.Equal(2, rows["alpha"].OpenBySeverity[Severity.High]); // the resolved one is not counted
        Assert.Equal(3, rows["alpha"].OpenFindings);
        Assert.Equal(FleetConnection.Ok, rows["alpha"].Connection);
        Assert.Equal(FleetConnection.Failing, rows["charlie"].Connection);
        Assert.Equal("401 Unauthorized: the token was rejected", rows["charlie"].LastError);
        Assert.Equal(FleetConnection.NeverScanned, rows["delta"].Connection);
        Assert.Equal("prod", rows["alpha"].Labels["env"]);
        Assert.Empty(rows["delta"].Labels);
        Assert.Equal(11, rows["alpha"].Sparkline.Count);
        Assert.Equal(70, rows["alpha"].Sparkline[3]); // oldest first: day -10 … day 0, so day -7 is the fourth
    }

    [Fact]
    public async Task Load_ChangeVsSevenDaysAgo_ThatDayOrTheLatestBeforeIt()
    {
        var rows = (await LoadAsync()).ToDictionary(r => r.Name);

        Assert.Equal(-10, rows["alpha"].Change); // 60 now, 70 on day -7
        Assert.Equal(10, rows["bravo"].Change); // 90 now; no rollup on day -7 or -8, 80 on day -9
        Assert.Null(rows["charlie"].Change); // rollups of the last three days only
        Assert.Null(rows["delta"].Change); // no score
    }

    [Fact]
    public async Task DefaultView_WorstFirst_UnscoredLast()
    {
        var rows = await LoadAsync();

        Assert.Equal(["alpha", "charlie", "bravo", "delta"], FleetView.Default.Apply(rows).Select(r => r.Name));
        Assert.Equal(["bravo", "charlie", "alpha", "delta"], FleetView.Parse("score", "desc", null, null, null, null).Apply(rows).Select(r => r.Name));
        Assert.Equal(["alpha", "bravo", "charlie", "delta"], FleetView.Parse("findings", "desc", null, null, null, null).Apply(rows).Select(r => r.Name));
        Assert.Equal(["alpha", "bravo"], FleetView.Parse("change", null, null, null, null, null).Apply(rows).Select(r => r.Name).Take(2));
    }

    [Theory]
    [InlineData("env=prod", new[] { "alpha", "bravo" })]
    [InlineData("env=staging", new[] { "charlie" })]
    [InlineData("env", new[] { "alpha", "charlie", "bravo" })]
    [InlineData("env=prod,region=us", new[] { "bravo" })]
    [InlineData("env=nowhere", new string[0])]
    [InlineData("!!bad!!", new[] { "alpha", "charlie", "bravo", "delta" })] // not a label condition: ignored
    public async Task LabelFilter_KeepsTheMatchingClusters(string label, string[] expected)
    {
        var rows = await LoadAsync();

        Assert.Equal(expected, FleetView.Parse(null, null, null, label, null, null).Apply(rows).Select(r => r.Name));
    }

    [Fact]
    public async Task GroupByEnv_PoolsWeights_WorstGroupFirst_NoLabelLast()
    {
        var rows = await LoadAsync();

        var groups = FleetView.Parse(null, null, null, null, null, "env").Groups(rows);

        Assert.Equal(["prod", "staging", null], groups.Select(g => g.Value));
        var prod = groups[0];
        Assert.Equal(80, prod.Score); // (60 + 180) / (100 + 200): weighted by checks, not the mean of 60 and 90 (75)
        Assert.Equal(Grade.B, prod.Grade);
        Assert.Equal(2, prod.Clusters);
        Assert.Equal(4, prod.OpenFindings);
        Assert.Equal(["alpha", "bravo"], prod.Worst.Select(r => r.Name));
        Assert.Equal(85, groups[1].Score);
        Assert.Null(groups[2].Score); // delta has no score yet
    }

    [Fact]
    public async Task GroupAndFilter_Combine()
    {
        var rows = await LoadAsync();

        var groups = FleetView.Parse(null, null, null, "region", null, "env").Groups(rows);

        Assert.Equal("prod", Assert.Single(groups).Value);
    }
}
