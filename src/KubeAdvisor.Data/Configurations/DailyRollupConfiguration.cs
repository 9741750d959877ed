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
        // The trend pooled over every cluster (TrendQueries.ByDayAsync): an index-only scan of the cluster rows ("" namespace)
        // of the last days, instead of reading the namespace rows too (500 clusters × 90 days at the fleet bench).
        e.HasIndex(x => x.Day, "IX_daily_rollups_cluster_rows_by_day")
            .HasFilter("\"Namespace\" = ''")
            .IncludeProperties(x => new { x.PassedWeight, x.FailedWeight, x.Scans, x.FailedChecks });
    }
}
