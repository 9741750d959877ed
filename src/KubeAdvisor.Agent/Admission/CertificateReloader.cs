using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace KubeAdvisor.Agent.Admission;

/// <summary>
/// The webhook's TLS certificate from PEM files (a mounted kubernetes.io/tls Secret), read again when they change:
/// cert-manager renews the Secret and the kubelet swaps the files in place. Checked at most every
/// <see cref="CheckEvery"/> during TLS handshakes, by content (the kubelet swaps a symlink, so times say little);
/// a pair that does not load (half-written, key and certificate not matching) keeps the previous certificate.
/// </summary>
public sealed class CertificateReloader
{
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(10);

    private readonly string _certFile;
    private readonly string _keyFile;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private X509Certificate2 _current;
    private byte[] _hash;
    private long _checkedAt;

    /// <exception cref="InvalidOperationException">The files cannot be read or do not hold a certificate and its key.</exception>
    public CertificateReloader(string certFile, string keyFile, TimeProvider time)
    {
        (_certFile, _keyFile, _time) = (certFile, keyFile, time);
        try
        {
            (_current, _hash) = Load();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"The agent is not configured: the admission webhook needs its TLS certificate and key at {certFile} and {keyFile} ({e.Message}).", e);
        }

        _checkedAt = time.GetTimestamp();
    }

    public ILogger? Logger { get; set; }

    /// <summary>The certificate's subject, for the log.</summary>
    public string Subject => Current.Subject;

    /// <summary>The certificate to present now (reloaded first when the files changed).</summary>
    public X509Certificate2 Current
    {
        get
        {
            if (_time.GetElapsedTime(Interlocked.Read(ref _checkedAt)) >= CheckEvery)
            {
                Refresh();
            }

            return Volatile.Read(ref _current);
        }
    }

    /// <summary>Reads the files now; true when a new certificate was loaded.</summary>
    public bool Refresh()
    {
        lock (_gate)
        {
            Interlocked.Exchange(ref _checkedAt, _time.GetTimestamp());
            try
            {
                var (certificate, hash) = Load();
                if (hash.AsSpan().SequenceEqual(_hash))
                {
                    certificate.Dispose();
                    return false;
                }

                Volatile.Write(ref _current, certificate);
                _hash = hash;
                Logger?.LogInformation("Admission webhook: loaded a new TLS certificate ({Subject}, valid until {NotAfter:u})", certificate.Subject, certificate.NotAfter);
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
            {
                Logger?.LogWarning("Admission webhook: the TLS files changed but do not load ({Reason}); the previous certificate stays", e.Message);
                return false;
            }
        }
    }

    private (X509Certificate2 Certificate, byte[] Hash) Load()
    {
        var cert = File.ReadAllBytes(_certFile);
        var key = File.ReadAllBytes(_keyFile);
        var hash = SHA256.HashData([.. cert, .. key]);
        var certificate = X509Certificate2.CreateFromPem(System.Text.Encoding.ASCII.GetString(cert), System.Text.Encoding.ASCII.GetString(key));
        return (certificate, hash);
    }
}
