namespace KubeAdvisor.Kubernetes.Kubeconfig;

/// <summary>The outcome of validating a kubeconfig: its contexts, the chosen one, and what is wrong with it.</summary>
/// <param name="Contexts">Every context name in the file (empty when it could not be parsed).</param>
/// <param name="Context">The chosen context: the requested one, else current-context, else the only one.</param>
/// <param name="Errors">Reasons to refuse, each a sentence a user can act on. Empty = valid.</param>
/// <param name="Warnings">Accepted, but worth showing (an opted-in insecure-skip-tls-verify, ignored fields).</param>
/// <param name="Config">The validated inline data to build a client from; null when there are errors.</param>
public sealed record KubeconfigValidationResult(
    IReadOnlyList<string> Contexts,
    string? Context,
    IReadOnlyList<string> Errors,
    IReadOnlyList<string> Warnings,
    ValidatedKubeconfig? Config)
{
    /// <summary>No errors, a client can be built.</summary>
    public bool IsValid => Errors.Count == 0 && Config is not null;
}
