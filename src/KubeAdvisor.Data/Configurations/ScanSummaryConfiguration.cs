using KubeAdvisor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KubeAdvisor.Data.Configurations;

internal sealed class ScanSummaryConfiguration : IEntityTypeConfiguration<ScanSummary>
{
    public void Configure(EntityTypeBuilder<ScanSummary> e)
    {
        e.ToTable("scan_summaries");
        e.HasOne<Scan>().WithMany().HasForeignKey(x => x.ScanId).OnDelete(DeleteBehavior.Cascade);
        // Failed is included so the Overview's top policies (the failed checks of the latest scans, summed per policy)
        // read this index only, not ~4,400 heap pages for 500 clusters (docs/benchmarks.md, fleet view).
        e.HasIndex(x => new { x.ScanId, x.Namespace, x.PolicyId }).IsUnique().IncludeProperties(x => new { x.Failed });
        e.HasIndex(x => new { x.ClusterId, x.At });
        e.Property(x => x.PolicyId).HasMaxLength(64);
        e.Property(x => x.Severity).HasConversion<int>(); // integer column as before the enum
    }
}
