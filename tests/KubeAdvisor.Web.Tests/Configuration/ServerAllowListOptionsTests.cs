using KubeAdvisor.Web.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KubeAdvisor.Web.Tests.Configuration;

public sealed class ServerAllowListOptionsTests
{
    private static KubeAdvisorOptions Load(string allowList)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DB"] = "Host=unused", ["SERVER_ALLOWLIST"] = allowList,
        });
        builder.AddKubeAdvisorConfiguration();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<KubeAdvisorOptions>>().Value;
    }

    [Fact]
    public void ServerAllowList_HostsIpsAndCidrs_AreSplitIntoEntries()
    {
        Assert.Equal(["10.0.0.0/8", "*.k8s.internal", "192.168.1.5"], Load(" 10.0.0.0/8, *.k8s.internal ,192.168.1.5,").ServerAllowListEntries);
    }

    [Fact]
    public void ServerAllowList_AnEntryThatIsNoHostIpOrCidr_FailsValidation()
    {
        var e = Assert.Throws<OptionsValidationException>(() => Load("10.0.0.0/8,https://k8s.internal"));

        Assert.Contains("KUBEADVISOR_SERVER_ALLOWLIST", e.Message, StringComparison.Ordinal);
    }
}
