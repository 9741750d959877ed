namespace KubeAdvisor.Web.Features.Notifications;

/// <summary>
/// A delivery in words for the page: what became of it (<see cref="Kind"/>: pending, delivered, failed or refused) and
/// one sentence with the response code and the logged error (which never holds a URL or a secret).
/// </summary>
public sealed record DeliverySummary(string Kind, string Text)
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
    public const string Refused = "refused";

    /// <summary>Whether nothing more will happen to the delivery.</summary>
    public static bool IsFinal(DeliveryView delivery) =>
        delivery?.Status is DeliveryStatuses.Delivered or DeliveryStatuses.Failed;

    public static DeliverySummary Of(DeliveryView delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var code = delivery.ResponseCode is { } c ? $" with status code {c}" : "";
        return delivery.Status switch
        {
            DeliveryStatuses.Delivered => new(Delivered, $"Delivered: the destination accepted it{code}."),
            DeliveryStatuses.Failed when DeliveryOutcome.IsRefusal(delivery.Error) => new(Refused,
                $"Refused by the destination guard, nothing was sent: {delivery.Error![DeliveryOutcome.RefusedPrefix.Length..]}"),
            DeliveryStatuses.Failed => new(Failed, $"Failed{code} after {delivery.Attempts} attempt(s): {delivery.Error}"),
            DeliveryStatuses.Retrying => new(Pending, $"Attempt {delivery.Attempts} failed{code}; it will be retried: {delivery.Error}"),
            _ => new(Pending, "Queued; waiting for the delivery job."),
        };
    }
}
