using System.Globalization;

namespace KubeAdvisor.ScaleBench;

/// <summary>Resident memory of this process from /proc/self/status (Linux), in MiB.</summary>
internal static class ProcessMemory
{
    /// <summary>Peak resident set size since start or since the last <see cref="ResetPeak"/>.</summary>
    public static double PeakMiB() => Read("VmHWM:");

    public static double CurrentMiB() => Read("VmRSS:");

    /// <summary>Resets VmHWM to the current RSS (writing 5 to clear_refs, Linux ≥ 4.0); false when refused.</summary>
    public static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static double Read(string key)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                var kb = long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kb / 1024.0;
            }
        }

        return double.NaN;
    }
}
