using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s.KubeConfigModels;

namespace KubeAdvisor.Kubernetes.Kubeconfig;

/// <summary>Picks the chosen context's cluster and user and checks their inline data.</summary>
internal static class ContextResolver
{
    public static ValidatedKubeconfig? Resolve(K8SConfiguration parsed, string contextName, KubeconfigPolicy policy, List<string> errors)
    {
        var details = parsed.Contexts!.First(c => c.Name == contextName).ContextDetails;
        var cluster = parsed.Clusters?.FirstOrDefault(c => c.Name == details?.Cluster)?.ClusterEndpoint;
        var user = parsed.Users?.FirstOrDefault(u => u.Name == details?.User)?.UserCredentials;
        if (cluster is null)
        {
            errors.Add($"Context \"{contextName}\" names cluster \"{details?.Cluster}\", which is not in the kubeconfig.");
        }

        if (user is null)
        {
            errors.Add($"Context \"{contextName}\" names user \"{details?.User}\", which is not in the kubeconfig.");
        }

        if (cluster is null || user is null)
        {
            return null;
        }

        var token = string.IsNullOrWhiteSpace(user.Token) ? null : user.Token.Trim();
        var hasCert = !string.IsNullOrWhiteSpace(user.ClientCertificateData);
        var hasKey = !string.IsNullOrWhiteSpace(user.ClientKeyData);
        if (hasCert != hasKey)
        {
            errors.Add($"User \"{details!.User}\" needs both client-certificate-data and client-key-data.");
        }
        else if (token is null && !hasCert)
        {
            errors.Add($"User \"{details!.User}\" has no credentials: a token or client-certificate-data with client-key-data is needed.");
        }

        CheckBase64(user.ClientCertificateData, $"User \"{details!.User}\": client-certificate-data", errors);
        CheckBase64(user.ClientKeyData, $"User \"{details.User}\": client-key-data", errors);
        if (cluster.CertificateAuthorityData is { Length: > 0 } ca && LoadCa(ca) is null)
        {
            errors.Add($"Cluster \"{details.Cluster}\": certificate-authority-data is not a base64-encoded certificate.");
        }

        return errors.Count > 0
            ? null
            : new ValidatedKubeconfig(contextName, new Uri(cluster.Server), cluster.CertificateAuthorityData,
                string.IsNullOrWhiteSpace(cluster.TlsServerName) ? null : cluster.TlsServerName,
                cluster.SkipTlsVerify && policy.AllowInsecureSkipTlsVerify, token,
                hasCert ? user.ClientCertificateData : null, hasKey ? user.ClientKeyData : null,
                string.IsNullOrWhiteSpace(details.Namespace) ? null : details.Namespace,
                policy.AllowedHosts ?? []);
    }

    /// <summary>The CA certificates of certificate-authority-data (PEM or DER, base64); null when invalid.</summary>
    public static X509Certificate2Collection? LoadCa(string base64)
    {
        try
        {
            var bytes = Convert.FromBase64String(base64.Trim());
            var collection = new X509Certificate2Collection();
            var text = Encoding.ASCII.GetString(bytes);
            if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                collection.ImportFromPem(text);
            }
            else
            {
                collection.Add(X509CertificateLoader.LoadCertificate(bytes));
            }

            return collection.Count > 0 ? collection : null;
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return null;
        }
    }

    private static void CheckBase64(string? value, string what, List<string> errors)
    {
        if (!string.IsNullOrWhiteSpace(value) && !Convert.TryFromBase64String(value.Trim(), new byte[value.Length], out _))
        {
            errors.Add($"{what} is not valid base64.");
        }
    }
}
