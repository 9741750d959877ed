using KubeAdvisor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KubeAdvisor.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.ToTable("audit_entries");
        e.Property(x => x.Actor).HasMaxLength(256);
        e.Property(x => x.Action).HasMaxLength(128);
        e.Property(x => x.Target).HasMaxLength(512);
        e.Property(x => x.RemoteAddress).HasMaxLength(64);
        e.Property(x => x.UserAgent).HasMaxLength(512);
        e.HasIndex(x => x.At);
        e.HasIndex(x => new { x.Action, x.At });
    }
}
