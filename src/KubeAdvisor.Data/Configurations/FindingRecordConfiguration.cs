using KubeAdvisor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KubeAdvisor.Data.Configurations;

internal sealed class FindingRecordConfiguration : IEntityTypeConfiguration<FindingRecord>
{
    public void Configure(EntityTypeBuilder<FindingRecord> e)
    {
        e.ToTable("findings");
        e.HasOne<Cluster>().WithMany().HasForeignKey(x => x.ClusterId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.ClusterId, x.Fingerprint }).IsUnique();
        // The violations explorer pages open findings across clusters, newest first, filtered by these columns.
        e.HasIndex(x => new { x.IsOpen, x.Severity, x.FirstSeen });
        e.HasIndex(x => new { x.ClusterId, x.IsOpen, x.Namespace });
        e.HasIndex(x => new { x.ClusterId, x.IsOpen, x.PolicyId });
        e.HasIndex(x => x.WorkloadId);
        e.Property(x => x.Fingerprint).HasMaxLength(64);
        e.Property(x => x.PolicyId).HasMaxLength(64);
        e.Property(x => x.ContainerType).HasMaxLength(16);
    }
}
