namespace KubeAdvisor.Cli;

/// <summary>Fixed texts of the CLI: usage and defaults.</summary>
internal static class CliText
{
    /// <summary>
    /// Where docs/policies.md is read by people following a SARIF rule's help link (decision 0029: the public address of
    /// the repository; override with --docs-url or KUBEADVISOR_DOCS_URL for a fork or an internal mirror).
    /// </summary>
    public const string DefaultDocsUrl = "https://github.com/kubeadvisor/kubeadvisor/blob/main/docs/policies.md";

    public static string Version => typeof(CliText).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public const string Usage = """
        kubeadvisor scan PATH... | -   judge Kubernetes manifests with KubeAdvisor's policies

        PATH is a YAML or JSON file (any number of documents, List kinds), a folder (read recursively:
        *.yaml, *.yml, *.json) or - for stdin (e.g. helm template . | kubeadvisor scan -).

        Settings (one of; the defaults otherwise):
          --settings FILE          a PolicySettings document (docs/ci.md)
          --server URL --cluster NAME
                                   that cluster's settings and approved exceptions from KubeAdvisor;
                                   the token comes from KUBEADVISOR_TOKEN (or --token T)
        Output:
          --format text|json|sarif|junit   (default text)
          --output FILE            write the report there instead of stdout
          --fail-on critical|high|medium|low|none   (default high)
          --docs-url URL           where docs/policies.md is published (SARIF help links)

        Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage, manifest, settings or server errors.
        """;
}
