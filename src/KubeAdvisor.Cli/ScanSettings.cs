using KubeAdvisor.Core.Exceptions;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Kubernetes.Manifests;

namespace KubeAdvisor.Cli;

/// <summary>What a scan applies: the settings (a file, a cluster on a server, or the defaults) and approved exceptions.</summary>
/// <param name="Settings">Enabled policies, severities, parameters.</param>
/// <param name="Exceptions">Approved exceptions (none unless pulled from a server).</param>
/// <param name="Source">Where they came from, for the text report.</param>
internal sealed record ScanSettings(ClusterPolicySettings Settings, ExceptionSet Exceptions, string Source)
{
    public static async Task<ScanSettings> LoadAsync(ScanArguments args, CliConsole console, DateTimeOffset now, CancellationToken ct)
    {
        if (args.Server is not null)
        {
            return await ServerSettings.LoadAsync(args.Server, args.Token!, args.Cluster!, now, ct);
        }

        if (args.SettingsFile is null)
        {
            return new ScanSettings(ClusterPolicySettings.Default, ExceptionSet.At(now), "default settings");
        }

        var path = Path.GetFullPath(args.SettingsFile, console.WorkingDirectory);
        if (!File.Exists(path))
        {
            throw new UsageException($"{args.SettingsFile}: no such settings file.");
        }

        if (new FileInfo(path).Length > PolicySettingsDocument.Limits.MaxBytes)
        {
            throw new UsageException($"{args.SettingsFile}: larger than {PolicySettingsDocument.Limits.MaxBytes / 1024} KiB, the most a settings document may be.");
        }

        var parsed = PolicySettingsDocument.Parse(await File.ReadAllTextAsync(path, ct));
        if (parsed.Document is null)
        {
            throw new UsageException($"{args.SettingsFile}: {string.Join(" ", parsed.Errors)}");
        }

        return new ScanSettings(parsed.Document.Settings, ExceptionSet.At(now), $"settings from {args.SettingsFile}");
    }
}
