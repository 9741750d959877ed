using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using KubeAdvisor.Kubernetes.Kubeconfig;
using KubeAdvisor.Web.Configuration;
using Microsoft.Extensions.Options;

namespace KubeAdvisor.Web.Features.Notifications;

/// <summary>
/// Posts a message to a webhook, Slack or Teams URL. The URL passes the destination guard again before every attempt
/// (the allow-list may have changed) and every connection resolves and checks the host itself
/// (<see cref="DestinationGuard.ConnectCallback"/>); redirects are not followed. Errors name the host, never the URL.
/// </summary>
public sealed class HttpChannelSender(IHttpClientFactory clients, IOptions<KubeAdvisorOptions> options, TimeProvider time)
{
    public const string ClientName = "KubeAdvisor.Notifications";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>The primary handler of the named client: guarded connections, no proxy, no redirects.</summary>
    public static SocketsHttpHandler CreateHandler(IReadOnlyList<string> allowList) => new()
    {
        ConnectCallback = DestinationGuard.ConnectCallback(allowList),
        UseProxy = false,
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    };

    public async Task<DeliveryOutcome> SendAsync(string type, string url, string? secret, Guid messageId, NotificationMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(message);
        if (DestinationGuard.CheckUrl(url, options.Value.ServerAllowListEntries) is { } refused)
        {
            return DeliveryOutcome.Refused(refused);
        }

        var host = new Uri(url).IdnHost;
        var body = type switch
        {
            ChannelTypes.Webhook => WebhookPayload.Render(messageId, message),
            ChannelTypes.Slack => SlackPayload.Render(message),
            ChannelTypes.Teams => TeamsCard.Render(message),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not an HTTP channel type."),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("KubeAdvisor-Notifications", "1"));
        if (type == ChannelTypes.Webhook)
        {
            var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
            request.Headers.Add(WebhookPayload.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add(WebhookPayload.SignatureHeader, WebhookPayload.Sign(secret ?? "", timestamp, body));
            request.Headers.Add(WebhookPayload.DeliveryHeader, messageId.ToString());
            request.Headers.Add(WebhookPayload.EventHeader, message.Event);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var code = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return DeliveryOutcome.Ok(code);
            }

            var error = $"{host} answered HTTP {code}{await SnippetAsync(response, url, timeout.Token)}";
            return code is 408 or 429 or >= 500
                ? DeliveryOutcome.Retry(code, error, RetryAfter(response))
                : DeliveryOutcome.Permanent(code, error);
        }
        catch (Exception e) when (Refusal(e) is not null)
        {
            return DeliveryOutcome.Refused($"The destination {host} is refused at connect time: it resolves to a private, link-local or "
                + $"metadata address, or does not resolve. Private destinations need {DestinationRefusedException.AllowListSetting}.");
        }
        catch (HttpRequestException e)
        {
            var socket = e.InnerException as SocketException ?? e.InnerException?.InnerException as SocketException;
            return DeliveryOutcome.Retry(null, $"Network error reaching {host}: {e.HttpRequestError}{(socket is null ? "" : $" ({socket.SocketErrorCode})")}.");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return DeliveryOutcome.Retry(null, $"{host} did not answer within {Timeout.TotalSeconds:0} s.");
        }
    }

    private static DestinationRefusedException? Refusal(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is DestinationRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter is not { } header ? null
        : header.Delta is { } delta ? delta
        : header.Date is { } date ? date - DateTimeOffset.UtcNow
        : null;

    // The start of the receiver's answer helps (Slack says "invalid_token", "channel_not_found"); the URL is cut out in case it is echoed.
    private static async Task<string> SnippetAsync(HttpResponseMessage response, string url, CancellationToken ct)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            var buffer = new byte[512];
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
            var text = System.Text.Encoding.UTF8.GetString(buffer, 0, read).Replace(url, "(url)", StringComparison.OrdinalIgnoreCase);
            text = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
            return text.Length == 0 ? "" : ": " + (text.Length > 200 ? text[..200] + "…" : text);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            return "";
        }
    }
}
