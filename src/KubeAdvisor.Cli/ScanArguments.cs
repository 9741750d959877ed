using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Cli;

/// <summary>The parsed arguments of <c>kubeadvisor scan</c> (a small hand-written parser: no reflection, NativeAOT-safe).</summary>
internal sealed record ScanArguments
{
    public const string TokenVariable = "KUBEADVISOR_TOKEN";
    public const string DocsUrlVariable = "KUBEADVISOR_DOCS_URL";

    public IReadOnlyList<string> Paths { get; init; } = [];

    public string? SettingsFile { get; init; }

    public Uri? Server { get; init; }

    public string? Token { get; init; }

    public string? Cluster { get; init; }

    public ReportFormat Format { get; init; } = ReportFormat.Text;

    public string? Output { get; init; }

    /// <summary>The lowest severity that fails the run; null for <c>none</c>.</summary>
    public Severity? FailOn { get; init; } = Severity.High;

    /// <summary>Where docs/policies.md is published (SARIF helpUri).</summary>
    public string DocsUrl { get; init; } = CliText.DefaultDocsUrl;

    /// <exception cref="UsageException">The arguments are not a valid scan.</exception>
    public static ScanArguments Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var result = new ScanArguments { Token = NullIfEmpty(environment(TokenVariable)), DocsUrl = NullIfEmpty(environment(DocsUrlVariable)) ?? CliText.DefaultDocsUrl };
        var paths = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "-" || !arg.StartsWith('-'))
            {
                paths.Add(arg);
                continue;
            }

            if (arg == "--")
            {
                paths.AddRange(args.Skip(i + 1));
                break;
            }

            var (name, inline) = arg.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
            string Value() => inline ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"{name} needs a value."));
            result = name switch
            {
                "--settings" => result with { SettingsFile = Value() },
                "--server" => result with { Server = ServerUri(Value()) },
                "--token" => result with { Token = Value() },
                "--cluster" => result with { Cluster = Value() },
                "--format" or "-f" => result with { Format = FormatOf(Value()) },
                "--output" or "-o" => result with { Output = Value() },
                "--fail-on" => result with { FailOn = FailOnOf(Value()) },
                "--docs-url" => result with { DocsUrl = Value() },
                _ => throw new UsageException($"Unknown option {name}. Run kubeadvisor --help."),
            };
        }

        if (paths.Count == 0)
        {
            throw new UsageException("Name the manifests to scan: files, folders or - for stdin.");
        }

        if (paths.Count(p => p == "-") > 1)
        {
            throw new UsageException("stdin (-) can be read once.");
        }

        if (result.Server is null && (result.Cluster is not null))
        {
            throw new UsageException("--cluster needs --server (and a token: --token or KUBEADVISOR_TOKEN).");
        }

        if (result.Server is not null)
        {
            if (result.SettingsFile is not null)
            {
                throw new UsageException("Use either --settings or --server, not both.");
            }

            if (result.Cluster is null || result.Token is null)
            {
                throw new UsageException("--server needs --cluster NAME and a token (--token or the KUBEADVISOR_TOKEN variable).");
            }
        }

        return result with { Paths = paths };
    }

    // The token travels in a header: only https, or http to this machine (tests, port-forwards).
    private static Uri ServerUri(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new UsageException($"--server must be an https:// address of KubeAdvisor, not '{text}'.");
        }

        if (uri.Scheme == "http" && !uri.IsLoopback)
        {
            throw new UsageException("--server must use https:// (plain http is accepted only for this machine, e.g. a port-forward): the token would travel in clear.");
        }

        return new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
    }

    private static ReportFormat FormatOf(string text) => text switch
    {
        "text" => ReportFormat.Text,
        "json" => ReportFormat.Json,
        "sarif" => ReportFormat.Sarif,
        "junit" => ReportFormat.Junit,
        _ => throw new UsageException($"--format must be text, json, sarif or junit, not '{text}'."),
    };

    private static Severity? FailOnOf(string text) => text switch
    {
        "critical" => Severity.Critical,
        "high" => Severity.High,
        "medium" => Severity.Medium,
        "low" => Severity.Low,
        "none" => null,
        _ => throw new UsageException($"--fail-on must be critical, high, medium, low or none, not '{text}'."),
    };

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
