using System.Globalization;
using KubeAdvisor.Web.Features.Audit;

namespace KubeAdvisor.Web.Features.Account;

/// <summary>
/// Failed sign-ins, aggregated: the first failure of an account from an address is written at once (an Admin sees an
/// attack begin), the following ones within <see cref="Window"/> are counted and written as one row when the window
/// closes. A password-guessing run therefore costs a few rows, not one per attempt.
/// </summary>
public sealed class FailedSignInAudit(AuditLog audit, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    // Beyond this many open (account, address) pairs, further failures are counted under one catch-all pair.
    private const int MaxPairs = 10_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<(string Account, string Address), Pending> _pending = [];

    public async Task RecordAsync(string account, string reason, CancellationToken ct)
    {
        var client = audit.CurrentClient();
        var key = (Truncate(account.Trim().ToLowerInvariant()), client.Address ?? "unknown");
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (!_pending.ContainsKey(key) && _pending.Count >= MaxPairs)
            {
                key = ("*", "*");
            }

            if (_pending.TryGetValue(key, out var open))
            {
                open.More++;
                open.Last = now;
                return;
            }

            _pending[key] = new Pending(now, client);
        }

        await audit.WriteAsync(client, key.Item1, AuditActions.SignInFailed, key.Item1, reason, ct);
    }

    /// <summary>Writes the counts of the windows that closed (all of them when <paramref name="all"/>).</summary>
    public async Task FlushAsync(bool all, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        List<((string Account, string Address) Key, Pending Window)> closed;
        lock (_lock)
        {
            closed = _pending.Where(p => all || now - p.Value.First >= Window).Select(p => (p.Key, p.Value)).ToList();
            foreach (var (key, _) in closed)
            {
                _pending.Remove(key);
            }
        }

        foreach (var ((account, _), window) in closed.Where(c => c.Window.More > 0))
        {
            var details = string.Create(CultureInfo.InvariantCulture,
                $"{window.More} more failed sign-ins from the same address between {window.First:u} and {window.Last:u}");
            await audit.WriteAsync(window.Client, account, AuditActions.SignInFailed, account, details, ct);
        }
    }

    private static string Truncate(string s) => s.Length <= 256 ? s : s[..256];

    private sealed class Pending(DateTimeOffset first, AuditClient client)
    {
        public DateTimeOffset First { get; } = first;
        public AuditClient Client { get; } = client;
        public DateTimeOffset Last { get; set; } = first;
        public int More { get; set; }
    }
}
