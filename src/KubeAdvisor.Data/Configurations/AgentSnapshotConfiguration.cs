using KubeAdvisor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KubeAdvisor.Data.Configurations;

internal sealed class AgentSnapshotConfiguration : IEntityTypeConfiguration<AgentSnapshot>
{
    public void Configure(EntityTypeBuilder<AgentSnapshot> e)
    {
        e.ToTable("agent_snapshots");
        e.HasOne<Cluster>().WithMany().HasForeignKey(x => x.ClusterId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.ClusterId, x.SnapshotId }).IsUnique();
        e.HasIndex(x => x.ReceivedAt);
        e.Property(x => x.SnapshotId).HasMaxLength(128);
        e.Property(x => x.AgentVersion).HasMaxLength(64);
        e.Property(x => x.PayloadSha256).HasMaxLength(64);
    }
}
