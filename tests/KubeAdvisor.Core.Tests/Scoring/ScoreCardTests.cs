using KubeAdvisor.Core.Policies;
using KubeAdvisor.Core.Scoring;

namespace KubeAdvisor.Core.Tests.Scoring;

public sealed class ScoreCardTests
{
    [Fact]
    public void Score_NoChecks_Is100AndA()
    {
        Assert.Equal(100d, ScoreCard.Empty.Score);
        Assert.Equal(100, ScoreCard.Empty.WholeScore);
        Assert.Equal(Grade.A, ScoreCard.Empty.Grade);
    }

    [Theory]
    [InlineData(Severity.Critical, 5)]
    [InlineData(Severity.High, 3)]
    [InlineData(Severity.Medium, 2)]
    [InlineData(Severity.Low, 1)]
    [InlineData(Severity.Info, 0)]
    public void WeightOf_Severity_MatchesPublishedWeights(Severity severity, int weight)
    {
        Assert.Equal(weight, ScoreCard.WeightOf(severity));
    }

    [Fact]
    public void Score_MixedSeverities_IsWeightedRatio()
    {
        // passed: 2 high (6) + 1 low (1) = 7; failed: 1 critical (5) + 1 medium (2) = 7 → 50
        var card = ScoreCard.Empty.Add(Severity.High, 2, 0).Add(Severity.Low, 1, 0).Add(Severity.Critical, 0, 1).Add(Severity.Medium, 0, 1, exempt: 4);

        Assert.Equal(50d, card.Score);
        Assert.Equal((7L, 7L, 3L, 2L, 4L), (card.PassedWeight, card.FailedWeight, card.Passed, card.Failed, card.Exempt));
        Assert.Equal(Grade.F, card.Grade);
    }

    [Fact]
    public void Score_OnlyInfoChecks_Is100()
    {
        var card = ScoreCard.Empty.Add(Severity.Info, 0, 10);

        Assert.Equal(100d, card.Score);
        Assert.Equal(10, card.Failed);
    }

    [Theory]
    [InlineData(90, 10, Grade.A, 90)]
    [InlineData(8999, 1001, Grade.B, 89)]
    [InlineData(80, 20, Grade.B, 80)]
    [InlineData(79, 21, Grade.C, 79)]
    [InlineData(70, 30, Grade.C, 70)]
    [InlineData(60, 40, Grade.D, 60)]
    [InlineData(5999, 4001, Grade.F, 59)]
    [InlineData(0, 1, Grade.F, 0)]
    [InlineData(1, 0, Grade.A, 100)]
    public void Grade_AtAndJustBelowEdges_IsExact(int passed, int failed, Grade grade, int whole)
    {
        var card = ScoreCard.Empty.Add(Severity.Low, passed, failed);

        Assert.Equal(grade, card.Grade);
        Assert.Equal(whole, card.WholeScore);
    }

    [Fact]
    public void Pool_TwoClusters_PoolsChecksNotScores()
    {
        var small = ScoreCard.Empty.Add(Severity.High, 0, 1);        // 0
        var large = ScoreCard.Empty.Add(Severity.High, 9, 0);        // 100

        var pooled = ScoreCard.Pool([small, large]);

        Assert.Equal(90d, pooled.Score);                             // an average of scores would say 50
        Assert.Equal(pooled, small + large);
        Assert.Equal(10, pooled.Passed + pooled.Failed);
    }
}
