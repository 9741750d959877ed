using System.Text.RegularExpressions;
using KubeAdvisor.Testing;
using KubeAdvisor.Web.Features.Agents;

namespace KubeAdvisor.Web.Tests.Features.Agents;

public sealed partial class AgentLivenessTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(true, null, AgentState.NeverConnected)]
    [InlineData(true, 0, AgentState.Online)]
    [InlineData(true, 30, AgentState.Online)]    // exactly three intervals of 10 min: not yet
    [InlineData(true, 31, AgentState.Offline)]   // a fourth interval began: three missed
    [InlineData(false, 1, AgentState.Revoked)]
    public void StateOf_MinutesSinceContact_IsOfflineAfterThreeMissedIntervals(bool tokenActive, int? minutesAgo, AgentState expected)
    {
        DateTimeOffset? last = minutesAgo is { } m ? Now.AddMinutes(-m) : null;

        Assert.Equal(expected, AgentLiveness.StateOf(tokenActive, last, 10, Now));
    }

    [Fact]
    public void InstallCommands_FillInTheServerAndQuoteTheToken()
    {
        var text = AgentInstallCommands.Install("https://ka.example.com/", "ka_abc'def");

        Assert.Contains("--from-literal=server-url='https://ka.example.com'", text);
        Assert.Contains("--from-literal=token='ka_abc'\\''def'", text);
        Assert.Contains("kubectl apply -f deploy/agent/deployment.yaml", text);
    }

    [Fact]
    public void InstallCommands_NameOnlyFilesThatExist_AndLeaveTheOptionalStepsCommentedOut()
    {
        var lines = AgentInstallCommands.Install("https://ka.example.com", "ka_x").Split('\n');
        var paths = lines.SelectMany(l => DeployPath().Matches(l)).Select(m => m.Value.TrimEnd('/')).Distinct().ToList();

        Assert.Contains("deploy/agent/reports-rbac.yaml", paths);
        Assert.Contains("deploy/agent/admission", paths);
        Assert.Contains("deploy/agent/rbac-configmaps.yaml", paths);
        Assert.All(paths, p => Assert.True(File.Exists(Path.Combine(RepositoryFiles.Root, p)) || Directory.Exists(Path.Combine(RepositoryFiles.Root, p)), p));
        Assert.All(lines.Where(l => l.Contains("reports", StringComparison.Ordinal) || l.Contains("admission/", StringComparison.Ordinal)),
            l => Assert.StartsWith("#", l.TrimStart(), StringComparison.Ordinal));
    }

    [GeneratedRegex(@"deploy/agent/[A-Za-z0-9_./-]*")]
    private static partial Regex DeployPath();
}
