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
    [InlineData("https://k8s.example.com", "k8s.example.com", true)]
    [InlineData("https://api.prod.example.com", "*.example.com", true)]
    [InlineData("https://10.1.2.3:6443", "10.0.0.0/8", true)]
    [InlineData("https://k8s.evil.com", "*.example.com", false)]
    [InlineData("https://192.168.1.5", "10.0.0.0/8", false)]
    [InlineData("https://k8s.example.com", "10.0.0.0/8", false)]
    public void Validate_AllowList_OnlyListedHostsAccepted(string server, string entry, bool valid)
    {
        var r = Validate(Config(server: server), new KubeconfigPolicy(AllowedHosts: [entry]));

        Assert.Equal(valid, r.IsValid);
        Assert.Equal(!valid, r.Errors.Any(e => e.Contains("not in the allowed hosts", StringComparison.Ordinal)));
    }
}
