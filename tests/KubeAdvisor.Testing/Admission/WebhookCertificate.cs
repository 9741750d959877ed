using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KubeAdvisor.Testing.Admission;

/// <summary>
/// A self-signed certificate for 127.0.0.1/localhost written as PEM (tls.crt, tls.key) into a temporary folder, as a
/// mounted kubernetes.io/tls Secret holds it, and an HttpClient that trusts exactly that certificate (as the API
/// server trusts the caBundle).
/// </summary>
public sealed class WebhookCertificate : IDisposable
{
    private WebhookCertificate(string dir) => Directory = dir;

    public string Directory { get; }

    public string CertFile => Path.Combine(Directory, "tls.crt");

    public string KeyFile => Path.Combine(Directory, "tls.key");

    public static WebhookCertificate Create(string commonName = "kubeadvisor-agent-admission")
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("ka-webhook-tls-").FullName;
        var certificate = new WebhookCertificate(dir);
        certificate.Write(commonName);
        return certificate;
    }

    /// <summary>Writes a new key pair and certificate over the files (what cert-manager's renewal does).</summary>
    public void Write(string commonName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2));
        File.WriteAllText(KeyFile, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(CertFile, cert.ExportCertificatePem());
    }

    /// <summary>A client that accepts only the certificate now in the files, and reports the one it saw.</summary>
    public HttpClient Client(string baseUrl, Action<X509Certificate2>? seen = null)
    {
        var trusted = X509Certificate2.CreateFromPem(File.ReadAllText(CertFile));
        var handler = new SocketsHttpHandler
        {
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, c, _, _) =>
                {
                    if (c is not null)
                    {
                        seen?.Invoke(new X509Certificate2(c));
                    }

                    return c is not null && c.GetCertHashString() == trusted.GetCertHashString();
                },
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri(baseUrl) };
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
