using KubeAdvisor.Kubernetes.Kubeconfig;

namespace KubeAdvisor.Kubernetes.Tests.Kubeconfig;

public sealed class KubeconfigValidatorTests
{
    private static string Config(string server = "https://k8s.example.com:6443", string cluster = "", string user = "token: abc123") =>
        KubeconfigText.Config(server, cluster, user);

    private static KubeconfigValidationResult Validate(string text, KubeconfigPolicy? policy = null, string? context = null) =>
        KubeconfigText.Validate(text, policy, context);

    [Fact]
    public void Validate_TokenAndInlineCa_ValidWithContext()
    {
        var r = Validate(Config(cluster: $"certificate-authority-data: {KubeconfigText.Ca}"));

        Assert.True(r.IsValid, string.Join("; ", r.Errors));
        Assert.Equal(["prod"], r.Contexts);
        Assert.Equal("prod", r.Context);
        Assert.Equal(("abc123", "https://k8s.example.com:6443/"), (r.Config!.Token, r.Config.Server.ToString()));
        Assert.DoesNotContain("abc123", r.Config.ToString());
    }

    [Fact]
    public void Validate_ExecPlugin_Refused()
    {
        var r = Validate(Config(user: "exec: {apiVersion: client.authentication.k8s.io/v1, command: /bin/sh, args: [-c, id]}"));

        Assert.False(r.IsValid);
        Assert.Contains(r.Errors, e => e.Contains("exec credential plugin", StringComparison.Ordinal) && e.Contains("run a command", StringComparison.Ordinal));
        Assert.Null(r.Config);
    }

    [Fact]
    public void Validate_AuthProvider_Refused()
    {
        var r = Validate(Config(user: "auth-provider: {name: oidc, config: {idp-issuer-url: https://issuer.example.com}}"));

        Assert.Contains(r.Errors, e => e.Contains("auth-provider", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("client-certificate: /etc/kubernetes/pki/admin.crt\n    client-key-data: a2V5", "client-certificate")]
    [InlineData("client-key: /root/.ssh/id_rsa\n    client-certificate-data: Y2VydA==", "client-key")]
    [InlineData("tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token", "tokenFile")]
    public void Validate_UserFilePath_Refused(string user, string field)
    {
        var r = Validate(Config(user: user));

        Assert.Contains(r.Errors, e => e.Contains($"sets {field}, a file path", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_CertificateAuthorityFilePath_Refused()
    {
        var r = Validate(Config(cluster: "certificate-authority: /etc/ssl/private/ca.pem"));

        Assert.Contains(r.Errors, e => e.Contains("certificate-authority, a file path", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("clusters: [unclosed")]
    [InlineData("\t- : :")]
    [InlineData("just a string")]
    [InlineData("")]
    public void Validate_MalformedYaml_ErrorWithoutException(string text)
    {
        var r = Validate(text);

        Assert.False(r.IsValid);
        Assert.NotEmpty(r.Errors);
    }

    [Fact]
    public void Validate_UnknownContext_ErrorListsContexts()
    {
        var r = Validate(Config(), context: "staging");

        Assert.Contains("Context \"staging\" is not in the kubeconfig (it has: prod).", r.Errors);
    }

    [Fact]
    public void Validate_NoCurrentContextAndSeveral_AsksToChoose()
    {
        const string text = """
            clusters:
            - name: c
              cluster: {server: "https://k8s.example.com"}
            users:
            - name: u
              user: {token: t}
            contexts:
            - name: other
              context: {cluster: c, user: u}
            - name: prod
              context: {cluster: c, user: u}
            """;

        var r = Validate(text);

        Assert.Equal(["other", "prod"], r.Contexts);
        Assert.Contains("Choose a context: other, prod.", r.Errors);
    }

    [Fact]
    public void Validate_ContextNamingMissingUser_Refused()
    {
        var r = Validate(Config().Replace("user: scanner}", "user: nobody}", StringComparison.Ordinal));

        Assert.Contains(r.Errors, e => e.Contains("names user \"nobody\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_UserWithoutCredentials_Refused()
    {
        var r = Validate(Config(user: "username: admin"));

        Assert.Contains(r.Errors, e => e.Contains("has no credentials", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_CaDataNotACertificate_Refused()
    {
        var r = Validate(Config(cluster: "certificate-authority-data: bm90IGEgY2VydA=="));

        Assert.Contains(r.Errors, e => e.Contains("certificate-authority-data", StringComparison.Ordinal));
    }
}
