using KubeAdvisor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KubeAdvisor.Data.Configurations;

internal sealed class NotificationChannelConfiguration : IEntityTypeConfiguration<NotificationChannel>
{
    public void Configure(EntityTypeBuilder<NotificationChannel> e)
    {
        e.ToTable("notification_channels");
        e.Property(x => x.Name).HasMaxLength(128);
        e.Property(x => x.Type).HasMaxLength(16);
        e.Property(x => x.Destination).HasMaxLength(512);
        e.Property(x => x.EmailTo).HasMaxLength(2048);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        e.HasIndex(x => x.Name).IsUnique();
    }
}

internal sealed class NotificationRouteConfiguration : IEntityTypeConfiguration<NotificationRoute>
{
    public void Configure(EntityTypeBuilder<NotificationRoute> e)
    {
        e.ToTable("notification_routes");
        e.Property(x => x.Event).HasMaxLength(32);
        e.Property(x => x.ClusterLabel).HasMaxLength(320);
        e.Property(x => x.Namespace).HasMaxLength(253);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        e.HasOne<NotificationChannel>().WithMany().HasForeignKey(x => x.ChannelId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => x.Event);
    }
}

internal sealed class NotificationDeliveryConfiguration : IEntityTypeConfiguration<NotificationDelivery>
{
    public void Configure(EntityTypeBuilder<NotificationDelivery> e)
    {
        e.ToTable("notification_deliveries");
        e.Property(x => x.Event).HasMaxLength(32);
        e.Property(x => x.DedupKey).HasMaxLength(200);
        e.Property(x => x.PayloadJson).HasColumnType("jsonb");
        e.Property(x => x.Status).HasMaxLength(16);
        e.Property(x => x.Error).HasMaxLength(1000);
        e.HasOne<NotificationChannel>().WithMany().HasForeignKey(x => x.ChannelId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<NotificationRoute>().WithMany().HasForeignKey(x => x.RouteId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(x => x.DedupKey).IsUnique();
        e.HasIndex(x => x.MessageId).IsUnique();
        // The log of one channel, newest first (the API, and the pruning that keeps it bounded).
        e.HasIndex(x => new { x.ChannelId, x.Id });
    }
}

internal sealed class NotificationHealthStateConfiguration : IEntityTypeConfiguration<NotificationHealthState>
{
    public void Configure(EntityTypeBuilder<NotificationHealthState> e)
    {
        e.ToTable("notification_health_states");
        e.HasKey(x => new { x.RouteId, x.ClusterId });
        e.Property(x => x.State).HasMaxLength(32);
        e.HasOne<NotificationRoute>().WithMany().HasForeignKey(x => x.RouteId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Cluster>().WithMany().HasForeignKey(x => x.ClusterId).OnDelete(DeleteBehavior.Cascade);
    }
}
