namespace KubeAdvisor.Web.Features.Notifications;

/// <summary>The states of a delivery in the log: queued → sending → delivered, or retrying (transient) → …, or failed.</summary>
public static class DeliveryStatuses
{
    public const string Queued = "queued";
    public const string Sending = "sending";
    public const string Retrying = "retrying";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}
