using KubeAdvisor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KubeAdvisor.Data.Configurations;

internal sealed class ScanConfiguration : IEntityTypeConfiguration<Scan>
{
    public void Configure(EntityTypeBuilder<Scan> e)
    {
        e.ToTable("scans");
        e.HasOne<Cluster>().WithMany().HasForeignKey(x => x.ClusterId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.ClusterId, x.QueuedAt });
        e.HasIndex(x => new { x.ClusterId, x.SnapshotId }).IsUnique().HasFilter("\"SnapshotId\" IS NOT NULL");
        // At most one queued or running scan per cluster, across every instance (0 = Queued, 1 = Running).
        e.HasIndex(x => x.ClusterId).IsUnique().HasFilter("\"Status\" IN (0, 1)").HasDatabaseName("ix_scans_one_active_per_cluster");
        e.Property(x => x.SnapshotId).HasMaxLength(128);
        e.Property(x => x.RequestedBy).HasMaxLength(256);
        e.Property(x => x.UnavailableKinds).HasMaxLength(512);
        e.Property(x => x.FailureReason).HasMaxLength(32);
        // The metrics refresher reads the scans finished since its last look (docs/metrics.md).
        e.HasIndex(x => x.FinishedAt).HasFilter("\"FinishedAt\" IS NOT NULL").HasDatabaseName("ix_scans_finished_at");
    }
}
