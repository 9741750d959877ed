using KubeAdvisor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KubeAdvisor.Data.Configurations;

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> e)
    {
        e.ToTable("api_tokens");
        e.Property(x => x.Name).HasMaxLength(128);
        e.Property(x => x.Role).HasMaxLength(32);
        e.Property(x => x.TokenHash).HasMaxLength(64);
        e.Property(x => x.Prefix).HasMaxLength(16);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        e.Property(x => x.OwnerUserId).HasMaxLength(450);
        e.HasIndex(x => x.TokenHash).IsUnique();
        e.HasIndex(x => x.OwnerUserId);
    }
}
