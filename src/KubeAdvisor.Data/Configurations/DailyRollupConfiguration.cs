using KubeAdvisor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KubeAdvisor.Data.Configurations;

internal sealed class DailyRollupConfiguration : IEntityTypeConfiguration<DailyRollup>
{
    public void Configure(EntityTypeBuilder<DailyRollup> e)
    {
        e.ToTable("daily_rollups");
        e.HasOne<Cluster>().WithMany().HasForeignKey(x => x.ClusterId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.ClusterId, x.Namespace, x.Day }).IsUnique();
        e.HasIndex(x => x.Day);
        // The cluster rows ("" namespace) of the last days, read by index only: the trend pooled over every cluster
        // (TrendQueries.ByDayAsync), the fleet table's sparklines (FleetQueries: ClusterId, Day, Score) and the Overview's
        // introduced/fixed this week, instead of reading the namespace rows too or fetching heap pages (500 clusters ×
        // 30 days: 2,579 heap blocks for the sparklines before the last four columns were included; docs/benchmarks.md).
        e.HasIndex(x => x.Day, "IX_daily_rollups_cluster_rows_by_day")
            .HasFilter("\"Namespace\" = ''")
            .IncludeProperties(x => new { x.PassedWeight, x.FailedWeight, x.Scans, x.FailedChecks, x.ClusterId, x.Score, x.Introduced, x.Fixed });
    }
}
