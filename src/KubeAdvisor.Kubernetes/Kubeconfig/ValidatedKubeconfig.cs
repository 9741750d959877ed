namespace KubeAdvisor.Kubernetes.Kubeconfig;

/// <summary>
/// The inline data of one validated context — all a client is built from. Nothing here names a file or a
/// command. <see cref="ToString"/> redacts the credentials so the record can't leak them into a log.
/// </summary>
public sealed record ValidatedKubeconfig(
    string ContextName,
    Uri Server,
    string? CertificateAuthorityData,
    string? TlsServerName,
    bool SkipTlsVerify,
    string? Token,
    string? ClientCertificateData,
    string? ClientKeyData,
    string? Namespace,
    IReadOnlyList<string> AllowedHosts)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"ValidatedKubeconfig {{ ContextName = {ContextName}, Server = {Server}, SkipTlsVerify = {SkipTlsVerify}, Credentials = (redacted) }}";
}
