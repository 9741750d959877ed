using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Core.Scoring;
using KubeAdvisor.Core.Tests.Policies;

namespace KubeAdvisor.Core.Tests.Evaluation;

public sealed class EvaluationResultTests
{
    [Fact]
    public void ClusterScore_OneUntaggedOfThreeContainers_MatchesScoringDocExample()
    {
        var result = PolicyEvaluator.Evaluate(TestSnapshots.Snapshot(TestSnapshots.Workload("web", "a:1", "b", "c:2")), ClusterPolicySettings.Default);

        var card = result.ClusterScore();

        Assert.Equal((24L, 3L), (card.PassedWeight, card.FailedWeight));
        Assert.Equal(88, card.WholeScore);
        Assert.Equal(Grade.B, card.Grade);
    }

    [Fact]
    public void ScoresByNamespace_ExcludedNamespace_Is100WithExemptCounted()
    {
        var system = TestSnapshots.Workload("dns", [TestSnapshots.Container("c", "coredns")], ns: "kube-system");
        var apps = TestSnapshots.Workload("web", [TestSnapshots.Container("c", "nginx:latest")], ns: "apps");

        var scores = PolicyEvaluator.Evaluate(TestSnapshots.Snapshot(system, apps), ClusterPolicySettings.Default).ScoresByNamespace();

        Assert.Equal((100d, 3L), (scores["kube-system"].Score, scores["kube-system"].Exempt));
        Assert.Equal(6L * 100 / 9, scores["apps"].WholeScore);
    }

    [Fact]
    public void ScoresByWorkload_PoolsToClusterScore()
    {
        var result = PolicyEvaluator.Evaluate(
            TestSnapshots.Snapshot(TestSnapshots.Workload("a", "x", "y:1"), TestSnapshots.Workload("b", "z:latest")), ClusterPolicySettings.Default);

        Assert.Equal(result.ClusterScore(), ScoreCard.Pool(result.ScoresByWorkload().Values));
        Assert.Equal(2, result.ScoresByWorkload().Count);
    }
}
