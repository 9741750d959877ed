using YamlDotNet.RepresentationModel;

namespace KubeAdvisor.Kubernetes.Kubeconfig;

/// <summary>
/// Walks the raw YAML (not KubernetesClient's model, which drops fields such as <c>tokenFile</c>) and refuses
/// anything that would run a command, call an identity provider or read a file on our server.
/// </summary>
internal static class RawKubeconfigChecks
{
    private static readonly Dictionary<string, string> FilePathFields = new(StringComparer.Ordinal)
    {
        ["client-certificate"] = "client-certificate-data",
        ["client-key"] = "client-key-data",
        ["tokenFile"] = "token",
        ["token-file"] = "token",
    };

    private static readonly HashSet<string> AcceptedUserFields =
        new(["token", "client-certificate-data", "client-key-data"], StringComparer.Ordinal);

    private static readonly HashSet<string> AcceptedClusterFields =
        new(["server", "certificate-authority-data", "insecure-skip-tls-verify", "tls-server-name", "extensions"], StringComparer.Ordinal);

    /// <exception cref="YamlDotNet.Core.YamlException">The text is not YAML.</exception>
    public static void Check(string text, List<string> errors, List<string> warnings)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            errors.Add("The text is not a kubeconfig: expected a YAML mapping with clusters, users and contexts.");
            return;
        }

        foreach (var (name, user) in Entries(root, "users", "user"))
        {
            foreach (var key in user.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? ""))
            {
                if (key == "exec")
                {
                    errors.Add($"User \"{name}\" uses an exec credential plugin; it is refused because it would run a command on the KubeAdvisor server. Use a ServiceAccount token (deploy/scanner-rbac.yaml).");
                }
                else if (key == "auth-provider")
                {
                    errors.Add($"User \"{name}\" uses an auth-provider; it is refused because the server would call an identity provider and refresh tokens. Use a ServiceAccount token (deploy/scanner-rbac.yaml).");
                }
                else if (FilePathFields.TryGetValue(key, out var inline))
                {
                    errors.Add($"User \"{name}\" sets {key}, a file path on the KubeAdvisor server; it is refused. Put the content inline as {inline}.");
                }
                else if (!AcceptedUserFields.Contains(key))
                {
                    warnings.Add($"User \"{name}\": field {key} is not supported and is ignored.");
                }
            }
        }

        foreach (var (name, cluster) in Entries(root, "clusters", "cluster"))
        {
            foreach (var key in cluster.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? ""))
            {
                if (key == "certificate-authority")
                {
                    errors.Add($"Cluster \"{name}\" sets certificate-authority, a file path on the KubeAdvisor server; it is refused. Put the CA inline as certificate-authority-data.");
                }
                else if (!AcceptedClusterFields.Contains(key))
                {
                    warnings.Add($"Cluster \"{name}\": field {key} is not supported and is ignored.");
                }
            }
        }
    }

    private static IEnumerable<(string Name, YamlMappingNode Body)> Entries(YamlMappingNode root, string list, string body)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode(list), out var node) || node is not YamlSequenceNode seq)
        {
            yield break;
        }

        foreach (var item in seq.Children.OfType<YamlMappingNode>())
        {
            var name = item.Children.TryGetValue(new YamlScalarNode("name"), out var n) && n is YamlScalarNode s ? s.Value ?? "" : "";
            if (item.Children.TryGetValue(new YamlScalarNode(body), out var b) && b is YamlMappingNode mapping)
            {
                yield return (name, mapping);
            }
        }
    }
}
