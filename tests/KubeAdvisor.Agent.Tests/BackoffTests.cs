using KubeAdvisor.Agent;

namespace KubeAdvisor.Agent.Tests;

public sealed class BackoffTests
{
    [Theory]
    [InlineData(1, 2.5, 5)]
    [InlineData(2, 5, 10)]
    [InlineData(3, 10, 20)]
    [InlineData(7, 150, 300)]   // 320 s capped at 300
    [InlineData(60, 150, 300)]  // no overflow for long outages
    public void Delay_Attempt_DoublesWithinEqualJitterAndIsCapped(int attempt, double minSeconds, double maxSeconds)
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(300), new Random(42));

        for (var i = 0; i < 200; i++)
        {
            Assert.InRange(backoff.Delay(attempt).TotalSeconds, minSeconds, maxSeconds);
        }
    }

    [Fact]
    public void Delay_ManyAgents_AreSpreadNotInLockstep()
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(300), new Random(7));

        var delays = Enumerable.Range(0, 50).Select(_ => Math.Round(backoff.Delay(4).TotalSeconds, 1)).Distinct().Count();

        Assert.True(delays > 25, $"only {delays} distinct delays out of 50");
    }
}
