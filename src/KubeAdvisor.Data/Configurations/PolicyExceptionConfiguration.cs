using KubeAdvisor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KubeAdvisor.Data.Configurations;

internal sealed class PolicyExceptionConfiguration : IEntityTypeConfiguration<PolicyException>
{
    public void Configure(EntityTypeBuilder<PolicyException> e)
    {
        e.ToTable("policy_exceptions");
        e.Property(x => x.Namespace).HasMaxLength(512);
        e.Property(x => x.Kind).HasMaxLength(512);
        e.Property(x => x.Name).HasMaxLength(512);
        e.Property(x => x.Container).HasMaxLength(512);
        e.Property(x => x.Image).HasMaxLength(512);
        e.Property(x => x.Reason).HasMaxLength(2000);
        e.Property(x => x.TicketUrl).HasMaxLength(2000);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.RequestedBy).HasMaxLength(256);
        e.Property(x => x.RequestedByUserId).HasMaxLength(450);
        e.Property(x => x.DecidedBy).HasMaxLength(256);
        e.Property(x => x.DecisionComment).HasMaxLength(2000);
        e.Property(x => x.RevokedBy).HasMaxLength(256);
        e.Property(x => x.RevokeComment).HasMaxLength(2000);
        e.Property(x => x.Version).IsRowVersion();
        e.HasOne<Cluster>().WithMany().HasForeignKey(x => x.ClusterId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.Status, x.ExpiresAt });
        e.HasIndex(x => x.ClusterId);
    }
}
