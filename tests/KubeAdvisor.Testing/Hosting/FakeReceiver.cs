using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Testing.Hosting;

/// <summary>
/// A webhook receiver on Kestrel (loopback, random port, real HTTP) that records every request and answers with the
/// replies it was given in order (then 200), e.g. 500, or 429 with Retry-After, or 400. Used by the notification tests
/// and the E2E journey; the app under test reaches it only because the tests allow-list loopback explicitly.
/// </summary>
public sealed class FakeReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Reply> _replies = new();
    private readonly ConcurrentQueue<Received> _received = new();

    private FakeReceiver(WebApplication app) => _app = app;

    /// <summary>A request as it arrived: headers, the exact body bytes and when.</summary>
    public sealed record Received(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, DateTimeOffset At)
    {
        public string Text => Encoding.UTF8.GetString(Body);

        /// <summary>
        /// Whether <c>X-KubeAdvisor-Signature</c> is the HMAC-SHA256 of <c>"{X-KubeAdvisor-Timestamp}." + body</c> keyed
        /// with <paramref name="secret"/>, compared as a receiver should (constant time), recomputed here independently.
        /// </summary>
        public bool IsSignedWith(string secret)
        {
            if (!Headers.TryGetValue("X-KubeAdvisor-Timestamp", out var timestamp) || !Headers.TryGetValue("X-KubeAdvisor-Signature", out var given))
            {
                return false;
            }

            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret),
                (byte[])[.. Encoding.UTF8.GetBytes(timestamp + "."), .. Body]));
            return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given));
        }
    }

    /// <summary>A scripted answer.</summary>
    public sealed record Reply(int Status, int? RetryAfterSeconds = null, string Body = "");

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1");

    public IReadOnlyList<Received> Requests => [.. _received];

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    public void Answer(params Reply[] replies)
    {
        foreach (var reply in replies)
        {
            _replies.Enqueue(reply);
        }
    }

    public static async Task<FakeReceiver> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new FakeReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        receiver.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return receiver;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        _received.Enqueue(new Received(context.Request.Path, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body.ToArray(), DateTimeOffset.UtcNow));
        var reply = _replies.TryDequeue(out var next) ? next : new Reply(200, Body: "ok");
        context.Response.StatusCode = reply.Status;
        if (reply.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await context.Response.WriteAsync(reply.Body);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
