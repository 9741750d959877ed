using KubeAdvisor.Kubernetes.Kubeconfig;

namespace KubeAdvisor.Kubernetes.Tests.Kubeconfig;

public sealed class KubeconfigServerTests
{
    private static string Config(string server = "https://k8s.example.com:6443", string cluster = "") =>
        KubeconfigText.Config(server, cluster);

    private static KubeconfigValidationResult Validate(string text, KubeconfigPolicy? policy = null) =>
        KubeconfigText.Validate(text, policy);

    [Fact]
    public void Validate_InsecureSkipTlsVerifyWithoutOptIn_Refused()
    {
        var r = Validate(Config(cluster: "insecure-skip-tls-verify: true"));

        Assert.Contains(r.Errors, e => e.Contains("insecure-skip-tls-verify", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_InsecureSkipTlsVerifyWithOptIn_ValidWithWarning()
    {
        var r = Validate(Config(cluster: "insecure-skip-tls-verify: true"), new KubeconfigPolicy(AllowInsecureSkipTlsVerify: true));

        Assert.True(r.IsValid, string.Join("; ", r.Errors));
        Assert.True(r.Config!.SkipTlsVerify);
        Assert.Contains(r.Warnings, w => w.Contains("skips TLS verification", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://169.254.169.254", "link-local")]
    [InlineData("https://169.254.10.1:6443", "link-local")]
    [InlineData("https://[fd00:ec2::254]", "metadata")]
    [InlineData("https://[fe80::1]:6443", "link-local")]
    [InlineData("https://[::ffff:169.254.169.254]", "link-local")]
    [InlineData("https://metadata.google.internal", "metadata")]
    [InlineData("https://100.100.100.200", "metadata")]
    public void Validate_LinkLocalOrMetadataServer_Refused(string server, string word)
    {
        var r = Validate(Config(server: server));

        Assert.Contains(r.Errors, e => e.Contains(word, StringComparison.Ordinal) && e.Contains("refused", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_PlainHttpServer_Refused()
    {
        Assert.Contains(Validate(Config(server: "http://k8s.example.com")).Errors, e => e.Contains("https://", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://[::169.254.169.254]", "link-local")]
    [InlineData("https://[64:ff9b::a9fe:a9fe]", "link-local")]
    [InlineData("https://[::ffff:100.100.100.200]", "metadata")]
    public void Validate_MetadataInIpv6Forms_Refused(string server, string word)
    {
        var r = Validate(Config(server: server));

        Assert.Contains(r.Errors, e => e.Contains(word, StringComparison.Ordinal) && e.Contains("refused", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://127.0.0.1:1", "127.0.0.0/8")]
    [InlineData("https://10.1.2.3", "10.0.0.0/8")]
    [InlineData("https://10.1.2.3", "10.1.2.3")]
    [InlineData("https://[::ffff:10.1.2.3]", "10.0.0.0/8")]
    [InlineData("https://100.64.0.1", "100.64.0.0/10")]
    [InlineData("https://[fd12::1]:6443", "fd00::/8")]
    public void Validate_PrivateServer_RefusedWithoutAllowList_AcceptedWithOne(string server, string entry)
    {
        var refused = Validate(Config(server: server));
        var accepted = Validate(Config(server: server), new KubeconfigPolicy(AllowedHosts: [entry]));

        var error = Assert.Single(refused.Errors);
        Assert.Contains("KUBEADVISOR_SERVER_ALLOWLIST", error, StringComparison.Ordinal);
        Assert.True(accepted.IsValid, string.Join("; ", accepted.Errors));
    }

    [Theory]
    [InlineData("https://[::169.254.169.254]", "::/96")]
    [InlineData("https://169.254.169.254", "169.254.0.0/16")]
    [InlineData("https://[fd00:ec2::254]", "fc00::/7")]
    [InlineData("https://100.100.100.200", "100.64.0.0/10")]
    public void Validate_MetadataServer_RefusedEvenWhenAllowListed(string server, string entry)
    {
        Assert.False(Validate(Config(server: server), new KubeconfigPolicy(AllowedHosts: [entry])).IsValid);
    }

    [Theory]
    [InlineData("https://k8s.example.com", "")]
    [InlineData("https://k8s.evil.com", "*.example.com")]
    [InlineData("https://k8s.example.com", "10.0.0.0/8")]
    [InlineData("https://8.8.8.8", "")]
    [InlineData("https://localhost:6443", "")]
    public void Validate_PublicOrNamedServer_AcceptedWhateverTheList(string server, string entry)
    {
        // Names are judged at connect time, on the addresses they resolve to (GuardedConnectorTests).
        IReadOnlyList<string> list = entry.Length == 0 ? [] : [entry];

        var r = Validate(Config(server: server), new KubeconfigPolicy(AllowedHosts: list));

        Assert.True(r.IsValid, string.Join("; ", r.Errors));
        Assert.Equal(list, r.Config!.AllowedHosts);
    }

    [Fact]
    public void Validate_PrivateServerNotMatchingTheList_Refused()
    {
        var r = Validate(Config(server: "https://192.168.1.5"), new KubeconfigPolicy(AllowedHosts: ["10.0.0.0/8", "*.example.com"]));

        Assert.Contains(r.Errors, e => e.Contains("192.168.1.5 is a private address (RFC 1918)", StringComparison.Ordinal));
    }
}
