using System.Net;
using KubeAdvisor.Kubernetes.Kubeconfig;

namespace KubeAdvisor.Kubernetes.Tests.Kubeconfig;

public sealed class ServerAddressRulesTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.255.254")]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.5")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.255")]
    [InlineData("0.0.0.0")]
    [InlineData("0.1.2.3")]
    [InlineData("198.18.0.1")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("fec0::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::10.0.0.1")]
    [InlineData("::127.0.0.1")]
    [InlineData("::8.8.8.8")]
    [InlineData("64:ff9b::a00:1")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("64:ff9b:1::1")]
    [InlineData("2002:a00:1::1")]
    public void Classify_PrivateRanges_NeedTheAllowList(string address)
    {
        Assert.Equal(AddressClass.Private, ServerAddressRules.Classify(IPAddress.Parse(address)).Class);
    }

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("169.254.0.1")]
    [InlineData("fe80::1")]
    [InlineData("fe80::1%2")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::169.254.169.254")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("2002:a9fe:a9fe::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("fd20:ce::254")]
    [InlineData("100.100.100.200")]
    [InlineData("::ffff:100.100.100.200")]
    [InlineData("168.63.129.16")]
    public void Classify_LinkLocalAndMetadata_Forbidden(string address)
    {
        Assert.Equal(AddressClass.Forbidden, ServerAddressRules.Classify(IPAddress.Parse(address)).Class);
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("11.0.0.1")]
    [InlineData("192.169.0.1")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("2606:4700::1111")]
    [InlineData("2002:808:808::1")]
    public void Classify_PublicAddresses_Allowed(string address)
    {
        var (kind, reason) = ServerAddressRules.Classify(IPAddress.Parse(address));

        Assert.Equal(AddressClass.Public, kind);
        Assert.Null(reason);
        Assert.True(ServerAddressRules.Permits(IPAddress.Parse(address), nameListed: false, []));
    }

    [Theory]
    [InlineData("10.1.2.3", "10.0.0.0/8", true)]
    [InlineData("::ffff:10.1.2.3", "10.0.0.0/8", true)]
    [InlineData("10.1.2.3", "10.1.2.3", true)]
    [InlineData("10.1.2.3", "192.168.0.0/16", false)]
    [InlineData("fd12::5", "fc00::/7", true)]
    [InlineData("127.0.0.1", "127.0.0.0/8", true)]
    [InlineData("127.0.0.1", "", false)]
    [InlineData("169.254.169.254", "169.254.0.0/16", false)]
    [InlineData("169.254.169.254", "169.254.169.254", false)]
    [InlineData("::169.254.169.254", "::/96", false)]
    [InlineData("fd00:ec2::254", "fc00::/7", false)]
    [InlineData("100.100.100.200", "100.64.0.0/10", false)]
    public void Permits_PrivateOnlyWithAnEntry_ForbiddenNever(string address, string entry, bool permitted)
    {
        IReadOnlyList<string> list = entry.Length == 0 ? [] : [entry];

        Assert.Equal(permitted, ServerAddressRules.Permits(IPAddress.Parse(address), nameListed: false, list));
    }

    [Fact]
    public void Permits_NameOnTheList_ReachesPrivateButNotMetadata()
    {
        Assert.True(ServerAddressRules.Permits(IPAddress.Parse("10.1.2.3"), nameListed: true, []));
        Assert.False(ServerAddressRules.Permits(IPAddress.Parse("169.254.169.254"), nameListed: true, []));
    }

    [Theory]
    [InlineData("10.0.0.0/8", true)]
    [InlineData(" fd00::/8 ", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("::1", true)]
    [InlineData("k8s.internal", true)]
    [InlineData("*.k8s.internal", true)]
    [InlineData("10.0.0.0/x", false)]
    [InlineData("10.0.0.0/33", false)]
    [InlineData("*", false)]
    [InlineData("https://k8s.internal", false)]
    [InlineData("k8s internal", false)]
    public void AllowListEntryError_AcceptsHostsIpsAndCidrs_Only(string entry, bool valid)
    {
        Assert.Equal(valid, KubeconfigPolicy.AllowListEntryError(entry) is null);
    }
}
