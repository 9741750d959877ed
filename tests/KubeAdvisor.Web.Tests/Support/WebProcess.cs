using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;

namespace KubeAdvisor.Web.Tests.Support;

/// <summary>
/// KubeAdvisor.Web.dll from this test's output folder, run by dotnet as a child process on a free loopback port: a
/// real process, with its own database sessions, advisory locks and Hangfire server, that a test can kill.
/// </summary>
public sealed class WebProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private WebProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>
    /// The settings every process test starts from: the database, the test keys and token, loopback allow-listed for
    /// the fake API server, and quick polling. <paramref name="overrides"/> (KUBEADVISOR_ROLE, …) win.
    /// </summary>
    public static Dictionary<string, string> Settings(string connectionString, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["KUBEADVISOR_DB"] = connectionString,
            ["KUBEADVISOR_DATA_PROTECTION_KEY"] = KubeAdvisorAppFactory.DataProtectionKey,
            ["KUBEADVISOR_BOOTSTRAP_TOKEN"] = KubeAdvisorAppFactory.BootstrapToken,
            ["KUBEADVISOR_ADMIN_PASSWORD"] = KubeAdvisorAppFactory.Password,
            ["KUBEADVISOR_SERVER_ALLOWLIST"] = "127.0.0.0/8",
            ["KUBEADVISOR_HANGFIRE_WORKERS"] = "1",
            ["KUBEADVISOR_HANGFIRE_POLL_SECONDS"] = "1",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Returns <paramref name="p"/> once its /healthz answers; throws with its log if it exits or takes too long.</summary>
    public static async Task<WebProcess> WaitForHealthzAsync(WebProcess p)
    {
        using var probe = new HttpClient { BaseAddress = p.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.UntilAsync(async () =>
        {
            try
            {
                return (await probe.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(180), () => $"the process to answer /healthz. Its log:\n{p.Log}", giveUp: () => p.HasExited);
        return p;
    }

    /// <summary>Starts the process without waiting for it (ASPNETCORE_URLS is set to a free loopback port).</summary>
    public static WebProcess Start(IReadOnlyDictionary<string, string> environment)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var dir = AppContext.BaseDirectory;
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir,
        };
        info.ArgumentList.Add(Path.Combine(dir, "KubeAdvisor.Web.dll"));
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("KUBEADVISOR_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["ASPNETCORE_URLS"] = baseAddress.ToString();
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var web = new WebProcess(process, baseAddress);
        process.OutputDataReceived += (_, e) => web.Append(e.Data);
        process.ErrorDataReceived += (_, e) => web.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return web;
    }

    /// <summary>Waits for a process that is expected to stop on its own (e.g. refused configuration).</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return false;
        }

        _process.WaitForExit(); // the redirected output is complete only after this
        return true;
    }

    /// <summary>SIGKILL: no shutdown code runs, as when the OOM killer or a node failure stops the pod.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            throw new InvalidOperationException("the killed web process did not exit");
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                Kill();
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        lock (_log)
        {
            if (_log.Length < 200_000)
            {
                _log.AppendLine(line);
            }
        }
    }
}
