using System.Text;
using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Kubernetes.Manifests;
using KubeAdvisor.Cli.Reports;

namespace KubeAdvisor.Cli;

/// <summary>
/// <c>kubeadvisor scan</c>: reads the manifests (<see cref="ManifestReader"/>) into the inventory with the item
/// readers of a live scan (<see cref="ManifestLoader"/>), evaluates with <see cref="PolicyEvaluator"/> under the
/// chosen settings and exceptions, writes the report, and exits 0, 1 (findings at or above --fail-on) or 2.
/// </summary>
internal static class ScanCommand
{
    public static async Task<int> RunAsync(ScanArguments args, CliConsole console, CancellationToken ct)
    {
        var now = TimeProvider.System.GetUtcNow();
        var builder = new InventoryBuilder();
        var (objects, errors, files) = ManifestInputs.Read(args.Paths, console, builder);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                await console.Stderr.WriteLineAsync($"kubeadvisor: {error}");
            }

            return ExitCodes.Error;
        }

        var settings = await ScanSettings.LoadAsync(args, console, now, ct);
        var snapshot = builder.Build("kubeadvisor-cli", now, null);
        var result = PolicyEvaluator.Evaluate(snapshot, settings.Settings, DigestHistory.Empty, settings.Exceptions);
        var outcome = new ScanOutcome(snapshot, result, objects, settings.Settings, files);

        var report = args.Format switch
        {
            ReportFormat.Json => JsonReport.Write(outcome),
            ReportFormat.Sarif => SarifReport.Write(outcome, args.DocsUrl),
            ReportFormat.Junit => JunitReport.Write(outcome),
            _ => TextReport.Write(outcome, settings.Source, args.FailOn),
        };
        if (args.Output is null)
        {
            await console.Stdout.WriteAsync(report);
        }
        else
        {
            try
            {
                await File.WriteAllTextAsync(Path.GetFullPath(args.Output, console.WorkingDirectory), report, new UTF8Encoding(false), ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot write {args.Output}: {e.Message}");
            }

            if (args.Format != ReportFormat.Text)
            {
                await console.Stderr.WriteAsync(TextReport.Summary(outcome, args.FailOn));
            }
        }

        return outcome.Failing(args.FailOn) > 0 ? ExitCodes.Findings : ExitCodes.Clean;
    }
}
