namespace KubeAdvisor.DemoCluster;

/// <summary>
/// Switchable failures of the fake API server. Resources are named by their plural (<c>statefulsets</c>,
/// <c>pods</c>); a null resource means every request. Thread-safe; <see cref="Reset"/> clears everything.
/// </summary>
public sealed class FakeFaults
{
    private readonly Lock _gate = new();
    private bool _goneOnNextContinue;
    private int _serverErrors;
    private long _linkFreeAt; // Stopwatch timestamp at which the emulated link has sent everything booked so far

    /// <summary>Every request answers 401 Unauthorized.</summary>
    public bool Unauthorized { get; set; }

    /// <summary>Lists of this resource answer 403 Forbidden.</summary>
    public string? ForbiddenResource { get; set; }

    /// <summary>Lists of this resource answer 404 Not Found, as from an API server that does not serve the kind.</summary>
    public string? NotServedResource { get; set; }

    /// <summary>Every response waits this long before it is written.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>
    /// Bytes per second of an emulated network link that all list responses share (0 = as fast as the machine goes):
    /// list bodies are paced so that they take at least as long as over such a link. Benchmarks use it to compare a
    /// scan with a download when the API server is not on the scanner's own cores (docs/benchmarks/history.md).
    /// </summary>
    public long LinkBytesPerSecond { get; set; }

    /// <summary>Lists of this resource answer 200 with a body that is not valid JSON.</summary>
    public string? MalformedJsonResource { get; set; }

    /// <summary>Lists of this resource send part of the page and then drop the connection.</summary>
    public string? DropConnectionResource { get; set; }

    /// <summary>Requests answered 410 Gone because of <see cref="GoneOnNextContinue"/>.</summary>
    public int GoneCount { get; private set; }

    /// <summary>The next request that carries a continue token answers 410 Gone (once).</summary>
    public void GoneOnNextContinue()
    {
        lock (_gate)
        {
            _goneOnNextContinue = true;
        }
    }

    /// <summary>The next <paramref name="count"/> requests answer 500, then the server works again.</summary>
    public void ServerErrors(int count)
    {
        lock (_gate)
        {
            _serverErrors = count;
        }
    }

    /// <summary>Clears every fault.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _goneOnNextContinue = false;
            _serverErrors = 0;
            Unauthorized = false;
            ForbiddenResource = NotServedResource = MalformedJsonResource = DropConnectionResource = null;
            Delay = TimeSpan.Zero;
            LinkBytesPerSecond = 0;
        }
    }

    /// <summary>
    /// Books <paramref name="bytes"/> just written on the emulated link and waits while the link is more than 2 ms
    /// behind (so timer resolution does not slow it further); completes at once without a link.
    /// </summary>
    internal ValueTask PaceAsync(int bytes, CancellationToken ct)
    {
        var rate = LinkBytesPerSecond;
        if (rate <= 0)
        {
            return ValueTask.CompletedTask;
        }

        long due;
        lock (_gate)
        {
            var start = Math.Max(System.Diagnostics.Stopwatch.GetTimestamp(), _linkFreeAt);
            _linkFreeAt = start + (long)(bytes * (double)System.Diagnostics.Stopwatch.Frequency / rate);
            due = _linkFreeAt;
        }

        var ahead = System.Diagnostics.Stopwatch.GetElapsedTime(System.Diagnostics.Stopwatch.GetTimestamp(), due);
        return ahead > TimeSpan.FromMilliseconds(2) ? new ValueTask(Task.Delay(ahead, ct)) : ValueTask.CompletedTask;
    }

    internal bool TakeServerError()
    {
        lock (_gate)
        {
            if (_serverErrors <= 0)
            {
                return false;
            }

            _serverErrors--;
            return true;
        }
    }

    internal bool TakeGone()
    {
        lock (_gate)
        {
            if (!_goneOnNextContinue)
            {
                return false;
            }

            _goneOnNextContinue = false;
            GoneCount++;
            return true;
        }
    }
}
