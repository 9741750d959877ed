using KubeAdvisor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KubeAdvisor.Data.Configurations;

internal sealed class DigestObservationConfiguration : IEntityTypeConfiguration<DigestObservation>
{
    public void Configure(EntityTypeBuilder<DigestObservation> e)
    {
        e.ToTable("digest_observations");
        e.HasOne<Cluster>().WithMany().HasForeignKey(x => x.ClusterId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.ClusterId, x.WorkloadUid, x.ContainerType, x.Container, x.Image, x.Digest }).IsUnique();
        e.Property(x => x.ContainerType).HasMaxLength(16);
        e.Property(x => x.Digest).HasMaxLength(160);
    }
}
