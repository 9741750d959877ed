namespace KubeAdvisor.Agent.Reports;

/// <summary>What the Reports mode last did, for /readyz: the scan written, when, how many objects, and the current problem.</summary>
public sealed class ReportsState
{
    private readonly Lock _gate = new();
    private ReportsStatus _status = new(false, null, null, 0, 0, null);

    public ReportsStatus Status
    {
        get
        {
            lock (_gate)
            {
                return _status;
            }
        }
    }

    public void Enabled(bool enabled)
    {
        lock (_gate)
        {
            _status = _status with { Enabled = enabled };
        }
    }

    public void Written(Guid? scanId, int written, int deleted, DateTimeOffset at)
    {
        lock (_gate)
        {
            _status = _status with { LastScanId = scanId, LastWrittenAt = at, Written = written, Deleted = deleted, Problem = null };
        }
    }

    /// <summary>Records the problem; true when it differs from the last one (the caller logs it once).</summary>
    public bool Failed(string problem)
    {
        lock (_gate)
        {
            var changed = _status.Problem != problem;
            _status = _status with { Problem = problem };
            return changed;
        }
    }
}

/// <summary>The Reports part of /readyz.</summary>
/// <param name="Enabled">KUBEADVISOR_AGENT_WRITE_REPORTS.</param>
/// <param name="LastScanId">The scan whose results were last written into the cluster.</param>
/// <param name="LastWrittenAt">When.</param>
/// <param name="Written">Objects applied then.</param>
/// <param name="Deleted">KubeAdvisor objects deleted then (namespaces without results any more).</param>
/// <param name="Problem">Why the last attempt did not write (CRDs missing, forbidden, server unreachable), or null.</param>
public sealed record ReportsStatus(bool Enabled, Guid? LastScanId, DateTimeOffset? LastWrittenAt, int Written, int Deleted, string? Problem);
