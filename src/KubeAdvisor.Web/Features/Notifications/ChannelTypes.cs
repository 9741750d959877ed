namespace KubeAdvisor.Web.Features.Notifications;

/// <summary>The kinds of channel (their names are part of the API).</summary>
public static class ChannelTypes
{
    /// <summary>Generic JSON (schema kubeadvisor.notification/v1), signed with HMAC-SHA256.</summary>
    public const string Webhook = "webhook";

    /// <summary>A Slack incoming webhook (Block Kit).</summary>
    public const string Slack = "slack";

    /// <summary>A Microsoft Teams workflow webhook (an Adaptive Card in the attachments envelope).</summary>
    public const string Teams = "teams";

    /// <summary>E-mail over the configured SMTP server (HTML and text).</summary>
    public const string Email = "email";

    public static IReadOnlyList<string> All { get; } = [Webhook, Slack, Teams, Email];

    /// <summary>The types that post to a URL.</summary>
    public static bool IsWebhook(string type) => type is Webhook or Slack or Teams;
}
