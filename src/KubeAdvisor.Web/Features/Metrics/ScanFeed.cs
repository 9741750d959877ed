namespace KubeAdvisor.Web.Features.Metrics;

/// <summary>
/// Hands each scan that finishes after this process started to the counters exactly once, whichever process ran it:
/// it reads the scans table (FinishedAt index) from a watermark. A scan's transaction may commit a little after its
/// FinishedAt, and clocks of workers differ, so each read reaches <see cref="Overlap"/> behind the newest time seen and
/// the ids counted in that window are remembered: a late commit is counted, nothing is counted twice, and the memory
/// held is the scans of one window. Scans already finished when the process started are not counted (counters start
/// at zero with the process, as Prometheus expects; seeding them from the table would make them fall across a restart
/// once retention deleted scans, which rate() reads as a reset and a spike).
/// </summary>
public sealed class ScanFeed
{
    /// <summary>How far behind the newest FinishedAt each read reaches (commit lag and clock skew between processes).</summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(10);

    private readonly Dictionary<Guid, DateTimeOffset> _seen = [];
    private DateTimeOffset _watermark;
    private bool _started;

    /// <summary>From where the next read starts.</summary>
    public DateTimeOffset Since => _watermark - Overlap;

    /// <summary>Remembers what is already finished at start without counting it.</summary>
    public void Start(DateTimeOffset now, IEnumerable<FinishedScanRow> alreadyFinished)
    {
        _watermark = now;
        foreach (var scan in alreadyFinished)
        {
            Remember(scan);
        }

        _started = true;
    }

    /// <summary>The scans of a read that were not counted before; remembers them and moves the watermark.</summary>
    public IReadOnlyList<FinishedScanRow> Take(IEnumerable<FinishedScanRow> read)
    {
        if (!_started)
        {
            throw new InvalidOperationException("Start the feed first.");
        }

        var fresh = new List<FinishedScanRow>();
        foreach (var scan in read)
        {
            if (!_seen.ContainsKey(scan.Id))
            {
                fresh.Add(scan);
                Remember(scan);
            }
        }

        var floor = Since;
        foreach (var old in _seen.Where(s => s.Value < floor).Select(s => s.Key).ToList())
        {
            _seen.Remove(old);
        }

        return fresh;
    }

    private void Remember(FinishedScanRow scan)
    {
        _seen[scan.Id] = scan.FinishedAt;
        if (scan.FinishedAt > _watermark)
        {
            _watermark = scan.FinishedAt;
        }
    }
}
