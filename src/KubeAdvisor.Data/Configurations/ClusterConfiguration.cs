using KubeAdvisor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KubeAdvisor.Data.Configurations;

internal sealed class ClusterConfiguration : IEntityTypeConfiguration<Cluster>
{
    public void Configure(EntityTypeBuilder<Cluster> e)
    {
        e.ToTable("clusters");
        e.Property(x => x.Name).HasMaxLength(128);
        e.HasIndex(x => x.Name).IsUnique();
        e.Property(x => x.Context).HasMaxLength(256);
        e.Property(x => x.ServerUrl).HasMaxLength(512);
        e.Property(x => x.PolicySettingsJson).HasColumnType("jsonb");
        e.Property(x => x.LabelsJson).HasColumnType("jsonb").HasDefaultValueSql("'{}'::jsonb");
        e.Property(x => x.AgentTokenHash).HasMaxLength(64);
        e.HasIndex(x => x.AgentTokenHash).IsUnique();
        e.Property(x => x.AgentVersion).HasMaxLength(64);
        e.Property(x => x.KubernetesVersion).HasMaxLength(64);
        e.Property(x => x.AdmissionMode).HasConversion<string>().HasMaxLength(8);
        e.Property(x => x.AdmissionMinSeverity).HasConversion<int>(); // existing rows: Off and High (the migration's defaults)
    }
}
