using System.Diagnostics;
using System.Text.Json;

namespace KubeAdvisor.ScaleBench;

/// <summary>This executable re-launched with the <c>fake-server</c> verb; closing its stdin stops it.</summary>
internal sealed class FakeServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private FakeServerProcess(Process process, FakeServerInfo info)
    {
        _process = process;
        Info = info;
    }

    public FakeServerInfo Info { get; }

    public int Pid => _process.Id;

    /// <param name="workloads">Size of the synthetic cluster.</param>
    /// <param name="cpus">A CPU list for taskset (e.g. "2,3"), so the fake API server does not share the scanner's cores; null = any.</param>
    /// <param name="linkMbps">Paces the responses as over a network link of this many Mbit/s; 0 = unpaced.</param>
    /// <param name="realWorld">Serve the objects with real-world metadata (SyntheticCluster.WithRealWorldMetadata).</param>
    public static async Task<FakeServerProcess> StartAsync(int workloads, string? cpus = null, int linkMbps = 0, bool realWorld = false)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
        var start = new ProcessStartInfo(string.IsNullOrEmpty(cpus) ? self : "taskset")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = false, UseShellExecute = false,
        };
        if (!string.IsNullOrEmpty(cpus))
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(cpus);
            start.ArgumentList.Add(self);
        }

        // Under `dotnet <dll>` the process path is the dotnet host: pass the assembly too.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(FakeServerProcess).Assembly.Location);
        }

        foreach (var a in new[] { "fake-server", "--workloads", workloads.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--link-mbps", linkMbps.ToString(System.Globalization.CultureInfo.InvariantCulture), "--real-world", realWorld ? "1" : "0" })
        {
            start.ArgumentList.Add(a);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the fake server.");
        var line = await process.StandardOutput.ReadLineAsync()
            ?? throw new InvalidOperationException($"The fake server exited (code {(process.HasExited ? process.ExitCode : -1)}) before it was ready.");
        var info = JsonSerializer.Deserialize<FakeServerInfo>(line) ?? throw new InvalidOperationException("Unreadable fake server info.");
        return new FakeServerProcess(process, info);
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(20)))
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
