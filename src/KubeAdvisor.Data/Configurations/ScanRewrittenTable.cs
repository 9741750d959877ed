using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KubeAdvisor.Data.Configurations;

/// <summary>
/// Tables whose rows every scan touches again (LastSeen, LastScanId): the running digests. With full pages each such
/// update writes the new row version to another page and so into every index: 10,000 digest rows took ~75 ms.
/// Half-empty pages let PostgreSQL keep the new version on the same page (a HOT update, no index writes): ~20 ms,
/// measured on the scan bench (docs/benchmarks.md). The price is about twice the heap size of the table.
/// Workloads and findings had it too until scans stopped rewriting their unchanged rows (LastSucceededScan).
/// </summary>
internal static class ScanRewrittenTable
{
    public const int FillFactor = 50;

    public static void LeaveRoomForUpdates<T>(EntityTypeBuilder<T> e) where T : class => e.HasStorageParameter("fillfactor", FillFactor);
}
