using KubeAdvisor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KubeAdvisor.Data.Configurations;

internal sealed class WorkloadRecordConfiguration : IEntityTypeConfiguration<WorkloadRecord>
{
    public void Configure(EntityTypeBuilder<WorkloadRecord> e)
    {
        e.ToTable("workloads");
        e.HasOne<Cluster>().WithMany().HasForeignKey(x => x.ClusterId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.ClusterId, x.Uid }).IsUnique();
        e.HasIndex(x => new { x.ClusterId, x.Namespace });
        e.Property(x => x.AnnotationsJson).HasColumnType("jsonb");
        e.Property(x => x.LabelsJson).HasColumnType("jsonb").HasDefaultValueSql("'{}'::jsonb");
        e.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(x => x.TeamId);
        e.Property(x => x.ContainersJson).HasColumnType("jsonb");
    }
}
