using System.Globalization;

namespace KubeAdvisor.ScaleBench;

/// <summary>
/// CPU seconds (user + system) used so far by this process, the fake API server and every PostgreSQL process, from
/// /proc/&lt;pid&gt;/stat (Linux; clock ticks of 10 ms). Differences of two readings show where a step's CPU went, and
/// whether the machine's cores were the limit (sum ≈ cores × wall time).
/// </summary>
internal readonly record struct ProcessCpu(double Scanner, double FakeApi, double Postgres)
{
    private static readonly double TicksPerSecond = 100.0; // USER_HZ on Linux

    public double Total => Scanner + FakeApi + Postgres;

    public static ProcessCpu Read(int fakeApiPid) =>
        new(Seconds(Environment.ProcessId), Seconds(fakeApiPid), PostgresSeconds());

    /// <summary>This process only (cheap: one small file).</summary>
    public static double ReadScanner() => Seconds(Environment.ProcessId);

    public static ProcessCpu operator -(ProcessCpu a, ProcessCpu b) =>
        new(a.Scanner - b.Scanner, a.FakeApi - b.FakeApi, a.Postgres - b.Postgres);

    public string Describe(double wallSeconds) => string.Create(CultureInfo.InvariantCulture,
        $"CPU scanner {Scanner:0.00} + fake API {FakeApi:0.00} + PostgreSQL {Postgres:0.00} = {Total:0.00} s ({Total / wallSeconds:0.0} cores busy)");

    private static double PostgresSeconds()
    {
        var sum = 0.0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid)
                && File.Exists($"{dir}/comm") && SafeRead($"{dir}/comm")?.Trim() == "postgres")
            {
                sum += Seconds(pid);
            }
        }

        return sum;
    }

    private static double Seconds(int pid)
    {
        var stat = SafeRead($"/proc/{pid}/stat");
        if (stat is null)
        {
            return 0;
        }

        // The command name is in parentheses and may contain spaces: fields are counted after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state); utime is field 14, stime field 15.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    private static string? SafeRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
