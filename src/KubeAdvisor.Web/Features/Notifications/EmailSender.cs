using System.Net.Sockets;
using KubeAdvisor.Web.Configuration;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace KubeAdvisor.Web.Features.Notifications;

/// <summary>
/// Sends a message as e-mail (HTML and text) over the SMTP server of KUBEADVISOR_SMTP_* with MailKit. SMTP 4xx replies,
/// network errors and timeouts are transient; 5xx replies, refused authentication and TLS failures are not.
/// </summary>
public sealed class EmailSender(IOptions<KubeAdvisorOptions> options)
{
    public const int MaxRecipients = 20;

    /// <summary>The recipients of a comma- or semicolon-separated list, or why the list is refused.</summary>
    public static (InternetAddressList? To, string? Error) ParseRecipients(string? to)
    {
        var parts = (to ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length is 0 or > MaxRecipients)
        {
            return (null, $"An e-mail channel needs 1 to {MaxRecipients} recipients in \"to\", separated by commas.");
        }

        var list = new InternetAddressList();
        foreach (var part in parts)
        {
            if (!MailboxAddress.TryParse(part, out var address) || !address.Address.Contains('@', StringComparison.Ordinal) || part.Length > 254)
            {
                return (null, $"\"{(part.Length > 80 ? part[..80] + "…" : part)}\" is not an e-mail address.");
            }

            list.Add(address);
        }

        return (list, null);
    }

    public async Task<DeliveryOutcome> SendAsync(string to, Guid messageId, NotificationMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.SmtpHost))
        {
            return DeliveryOutcome.Permanent(null, "KUBEADVISOR_SMTP_HOST is not set: this process cannot send e-mail.");
        }

        var (recipients, error) = ParseRecipients(to);
        if (recipients is null)
        {
            return DeliveryOutcome.Permanent(null, error!);
        }

        var content = EmailContent.Render(message);
        using var mail = new MimeMessage { Subject = content.Subject, MessageId = $"{messageId}@kubeadvisor" };
        mail.From.Add(MailboxAddress.Parse(o.SmtpFrom));
        mail.To.AddRange(recipients);
        mail.Headers.Add("X-KubeAdvisor-Event", message.Event);
        mail.Body = new BodyBuilder { TextBody = content.Text, HtmlBody = content.Html }.ToMessageBody();

        using var smtp = new SmtpClient { Timeout = (int)HttpChannelSender.Timeout.TotalMilliseconds };
        try
        {
            await smtp.ConnectAsync(o.SmtpHost, o.SmtpPort, Security(o.SmtpSecurity), ct);
            if (!string.IsNullOrEmpty(o.SmtpUserName))
            {
                await smtp.AuthenticateAsync(o.SmtpUserName, o.SmtpPassword ?? "", ct);
            }

            await smtp.SendAsync(mail, ct); // throws SmtpCommandException unless the server accepted it (250)
            await smtp.DisconnectAsync(quit: true, ct);
            return DeliveryOutcome.Ok(250);
        }
        catch (SmtpCommandException e)
        {
            var code = (int)e.StatusCode;
            var text = $"The SMTP server answered {code}: {e.Message}";
            return code is >= 400 and < 500 ? DeliveryOutcome.Retry(code, text) : DeliveryOutcome.Permanent(code, text);
        }
        catch (AuthenticationException)
        {
            return DeliveryOutcome.Permanent(null, "The SMTP server refused KUBEADVISOR_SMTP_USERNAME / KUBEADVISOR_SMTP_PASSWORD.");
        }
        catch (SslHandshakeException)
        {
            return DeliveryOutcome.Permanent(null, $"TLS with the SMTP server {o.SmtpHost} failed (KUBEADVISOR_SMTP_SECURITY is {o.SmtpSecurity}).");
        }
        catch (Exception e) when (e is SmtpProtocolException or IOException or SocketException or ServiceNotConnectedException or TimeoutException
            || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return DeliveryOutcome.Retry(null, $"Could not talk to the SMTP server {o.SmtpHost}:{o.SmtpPort}: {e.GetType().Name}.");
        }
    }

    private static SecureSocketOptions Security(string setting) => setting switch
    {
        "tls" => SecureSocketOptions.SslOnConnect,
        "none" => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTls,
    };
}
