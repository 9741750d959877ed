using System.Text;
using k8s;
using k8s.KubeConfigModels;
using KubeAdvisor.Kubernetes.Yaml;

namespace KubeAdvisor.Kubernetes.Kubeconfig;

/// <summary>
/// Validates an uploaded kubeconfig before anything is stored or used. Only parses (never
/// <c>BuildConfigFromConfigObject</c>, which runs exec plugins and reads files). Every user and cluster entry
/// is checked, not just the chosen context's, because the whole file is stored and the context can change later.
/// </summary>
public sealed class KubeconfigValidator
{
    /// <summary>
    /// Bounds checked before any parsing: 256 KiB (a kubeconfig with hundreds of contexts and inline certificates
    /// stays far below), 32 levels, 20,000 nodes, one document.
    /// </summary>
    public static readonly YamlLimits Limits = new(MaxBytes: 256 * 1024, MaxDepth: 32, MaxNodes: 20_000);

    /// <summary>Parses and checks <paramref name="kubeconfigText"/>; never throws for bad input.</summary>
    /// <param name="kubeconfigText">The kubeconfig YAML.</param>
    /// <param name="context">The context to use; null = current-context, or the only context.</param>
    /// <param name="policy">Opt-ins and the host allow-list.</param>
    public KubeconfigValidationResult Validate(string kubeconfigText, string? context, KubeconfigPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var errors = new List<string>();
        var warnings = new List<string>();
        if (string.IsNullOrWhiteSpace(kubeconfigText))
        {
            return new([], null, ["The kubeconfig is empty."], [], null);
        }

        if (BoundedYaml.Check(kubeconfigText, Limits, "The kubeconfig") is { } refusal)
        {
            return new([], null, [refusal], [], null);
        }

        K8SConfiguration parsed;
        try
        {
            RawKubeconfigChecks.Check(kubeconfigText, errors, warnings);
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(kubeconfigText));
            parsed = KubernetesClientConfiguration.LoadKubeConfig(stream);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new([], null, [$"The kubeconfig is not valid YAML: {FirstLine(e.Message)}"], [], null);
        }

        var contexts = (parsed.Contexts ?? []).Select(c => c.Name ?? "").Where(n => n.Length > 0).ToList();
        foreach (var cluster in parsed.Clusters ?? [])
        {
            ServerChecks.Check(cluster, policy, errors, warnings);
        }

        var chosen = context ?? (string.IsNullOrEmpty(parsed.CurrentContext) ? null : parsed.CurrentContext)
            ?? (contexts.Count == 1 ? contexts[0] : null);
        if (contexts.Count == 0)
        {
            errors.Add("The kubeconfig has no contexts.");
        }
        else if (chosen is null)
        {
            errors.Add($"Choose a context: {string.Join(", ", contexts)}.");
        }
        else if (!contexts.Contains(chosen))
        {
            errors.Add($"Context \"{chosen}\" is not in the kubeconfig (it has: {string.Join(", ", contexts)}).");
            chosen = null;
        }

        var config = chosen is null ? null : ContextResolver.Resolve(parsed, chosen, policy, errors);
        return errors.Count == 0
            ? new(contexts, chosen, [], warnings, config)
            : new(contexts, chosen, errors.Distinct().ToList(), warnings, null);
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
