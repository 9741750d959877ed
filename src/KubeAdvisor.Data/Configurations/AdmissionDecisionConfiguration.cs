using KubeAdvisor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KubeAdvisor.Data.Configurations;

internal sealed class AdmissionDecisionConfiguration : IEntityTypeConfiguration<AdmissionDecision>
{
    public void Configure(EntityTypeBuilder<AdmissionDecision> e)
    {
        e.ToTable("admission_decisions");
        e.HasOne<Cluster>().WithMany().HasForeignKey(x => x.ClusterId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Namespace).HasMaxLength(63);
        e.Property(x => x.Policy).HasMaxLength(128);
        // The intake adds to a row with INSERT … ON CONFLICT on this key; the cluster page reads one cluster's last week.
        e.HasIndex(x => new { x.ClusterId, x.Day, x.Namespace, x.Policy }).IsUnique();
    }
}
