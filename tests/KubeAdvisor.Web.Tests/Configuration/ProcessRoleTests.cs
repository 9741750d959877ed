using KubeAdvisor.Web.Configuration;

namespace KubeAdvisor.Web.Tests.Configuration;

public sealed class ProcessRoleTests
{
    [Theory]
    [InlineData(null, "all")]
    [InlineData("", "all")]
    [InlineData("all", "all")]
    [InlineData("web", "web")]
    [InlineData(" Worker ", "worker")]
    [InlineData("WEB", "web")]
    public void Parse_KnownRole_ReturnsIt(string? value, string expected) =>
        Assert.Equal(expected, ProcessRole.Parse(value)?.Name);

    [Theory]
    [InlineData("workers")]
    [InlineData("web,worker")]
    [InlineData("api")]
    public void Parse_UnknownRole_ReturnsNull(string value) => Assert.Null(ProcessRole.Parse(value));

    [Fact]
    public void Roles_SplitServingAndJobs()
    {
        Assert.True(ProcessRole.Web.ServesWeb && !ProcessRole.Web.RunsJobs);
        Assert.True(!ProcessRole.Worker.ServesWeb && ProcessRole.Worker.RunsJobs);
        Assert.True(ProcessRole.All.ServesWeb && ProcessRole.All.RunsJobs);
    }

    [Fact]
    public void GetProcessRole_WorkerWithoutWorkers_IsRefused()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new KubeAdvisorOptions { Role = "worker", HangfireWorkers = 0 }.GetProcessRole());
        Assert.Contains("KUBEADVISOR_HANGFIRE_WORKERS", e.Message, StringComparison.Ordinal);
        Assert.Same(ProcessRole.Web, new KubeAdvisorOptions { Role = "web", HangfireWorkers = 0 }.GetProcessRole());
    }
}
