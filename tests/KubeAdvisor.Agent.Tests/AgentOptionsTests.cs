using KubeAdvisor.Agent;

namespace KubeAdvisor.Agent.Tests;

public sealed class AgentOptionsTests
{
    [Fact]
    public void Validate_Defaults_NameTheMissingServerUrlAndToken()
    {
        var errors = new AgentOptions().Validate();

        Assert.Contains(errors, e => e.Contains("KUBEADVISOR_AGENT_SERVER_URL", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("KUBEADVISOR_AGENT_TOKEN", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Complete_IsEmptyAndDefaultsToTenMinutes()
    {
        var options = new AgentOptions { ServerUrl = "https://ka.example.com", Token = "ka_x" };

        Assert.Empty(options.Validate());
        Assert.Equal(TimeSpan.FromMinutes(10), options.Interval);
    }

    [Fact]
    public void Build_WithoutSettings_RefusesToStartWithTheReason()
    {
        var e = Assert.Throws<InvalidOperationException>(() => AgentHost.Build([], new Dictionary<string, string?> { ["SERVER_URL"] = "ftp://x" }));

        Assert.Contains("SERVER_URL", e.Message, StringComparison.Ordinal);
    }
}
