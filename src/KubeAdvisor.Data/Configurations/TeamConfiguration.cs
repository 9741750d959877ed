using KubeAdvisor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KubeAdvisor.Data.Configurations;

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> e)
    {
        e.ToTable("teams");
        e.Property(x => x.Name).HasMaxLength(128);
        e.HasIndex(x => x.Name).IsUnique();
    }
}

internal sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> e)
    {
        e.ToTable("team_members");
        e.HasKey(x => new { x.TeamId, x.UserId });
        e.Property(x => x.UserId).HasMaxLength(450);
        e.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => x.UserId);
    }
}

internal sealed class OwnershipRuleConfiguration : IEntityTypeConfiguration<OwnershipRuleRecord>
{
    public void Configure(EntityTypeBuilder<OwnershipRuleRecord> e)
    {
        e.ToTable("ownership_rules");
        e.Property(x => x.NamespaceLabel).HasMaxLength(512);
        e.Property(x => x.WorkloadKey).HasMaxLength(512);
        e.Property(x => x.WorkloadValue).HasMaxLength(512);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        e.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Cluster>().WithMany().HasForeignKey(x => x.ClusterId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => x.Position);
    }
}

internal sealed class NamespaceRecordConfiguration : IEntityTypeConfiguration<NamespaceRecord>
{
    public void Configure(EntityTypeBuilder<NamespaceRecord> e)
    {
        e.ToTable("namespaces");
        e.HasKey(x => new { x.ClusterId, x.Name });
        e.Property(x => x.Name).HasMaxLength(253);
        e.Property(x => x.LabelsJson).HasColumnType("jsonb");
        e.HasOne<Cluster>().WithMany().HasForeignKey(x => x.ClusterId).OnDelete(DeleteBehavior.Cascade);
    }
}
