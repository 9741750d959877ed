using KubeAdvisor.Kubernetes.Kubeconfig;

namespace KubeAdvisor.Kubernetes.Tests.Kubeconfig;

/// <summary>Kubeconfig texts for validator tests.</summary>
internal static class KubeconfigText
{
    public static readonly string Ca = TestCa();

    private static readonly KubeconfigValidator Validator = new();

    public static string Config(string server = "https://k8s.example.com:6443", string cluster = "", string user = "token: abc123") => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: prod
          cluster:
            server: {server}
            {cluster}
        users:
        - name: scanner
          user:
            {user}
        contexts:
        - name: prod
          context: {"{"}cluster: prod, user: scanner{"}"}
        current-context: prod
        """;

    public static KubeconfigValidationResult Validate(string text, KubeconfigPolicy? policy = null, string? context = null) =>
        Validator.Validate(text, context, policy ?? KubeconfigPolicy.Default);

    private static string TestCa()
    {
        using var key = System.Security.Cryptography.ECDsa.Create();
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=test-ca", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100));
        return Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(cert.ExportCertificatePem()));
    }
}
