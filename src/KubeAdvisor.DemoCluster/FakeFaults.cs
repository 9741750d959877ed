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

    /// <summary>Every request answers 401 Unauthorized.</summary>
    public bool Unauthorized { get; set; }

    /// <summary>Lists of this resource answer 403 Forbidden.</summary>
    public string? ForbiddenResource { get; set; }

    /// <summary>Every response waits this long before it is written.</summary>
    public TimeSpan Delay { get; set; }

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
            ForbiddenResource = MalformedJsonResource = DropConnectionResource = null;
            Delay = TimeSpan.Zero;
        }
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
