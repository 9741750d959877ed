using KubeAdvisor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KubeAdvisor.Data.Configurations;

internal sealed class ScoreSampleConfiguration : IEntityTypeConfiguration<ScoreSample>
{
    public void Configure(EntityTypeBuilder<ScoreSample> e)
    {
        e.ToTable("score_samples");
        e.HasOne<Scan>().WithMany().HasForeignKey(x => x.ScanId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.ClusterId, x.Namespace, x.At });
    }
}
