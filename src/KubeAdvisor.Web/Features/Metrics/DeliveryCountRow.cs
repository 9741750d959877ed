namespace KubeAdvisor.Web.Features.Metrics;

/// <summary>Rows of the notification delivery log by channel type and status.</summary>
public sealed record DeliveryCountRow(string ChannelType, string Status, int Count);
