using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace KubeAdvisor.Web.Features.Account;

/// <summary>
/// Rate limits of the sign-in endpoint: per client address through ASP.NET Core's rate limiter (before the form is
/// read), and per account inside the handler, where the e-mail is known. Unknown accounts are limited like known ones,
/// so the limit says nothing about which accounts exist.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    public const string AddressPolicy = "sign-in-per-address";

    private readonly PartitionedRateLimiter<string> _perAccount;

    public SignInThrottle(IOptions<SignInOptions> options)
    {
        var limit = options.Value.PerAccountPerMinute;
        _perAccount = PartitionedRateLimiter.Create<string, string>(account =>
            RateLimitPartition.GetFixedWindowLimiter(account, _ => Window(limit)));
    }

    /// <summary>True when another attempt for this account is allowed now.</summary>
    public bool TryAccount(string? email)
    {
        var key = (email ?? "").Trim().ToUpperInvariant();
        using var lease = _perAccount.AttemptAcquire(key.Length <= 256 ? key : key[..256]);
        return lease.IsAcquired;
    }

    public void Dispose() => _perAccount.Dispose();

    public static void AddPolicies(RateLimiterOptions o, SignInOptions options)
    {
        o.AddPolicy(AddressPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => Window(options.PerAddressPerMinute)));
        o.OnRejected = async (context, ct) =>
        {
            var response = context.HttpContext.Response;
            response.StatusCode = StatusCodes.Status429TooManyRequests;
            response.Headers.RetryAfter = "60";
            response.ContentType = "text/html; charset=utf-8";
            await response.WriteAsync(
                "<!DOCTYPE html><html><head><title>Too many attempts - KubeAdvisor</title></head><body style=\"font-family:sans-serif\">" +
                "<h1>Too many sign-in attempts</h1><p>Too many sign-in attempts came from your address. Wait a minute, then " +
                "<a href=\"/account/login\">try again</a>.</p></body></html>", ct);
        };
    }

    private static FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = Math.Max(1, permits),
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    };
}
