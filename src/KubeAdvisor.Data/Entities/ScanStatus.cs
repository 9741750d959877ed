namespace KubeAdvisor.Data.Entities;

/// <summary>Lifecycle of a scan record.</summary>
public enum ScanStatus
{
    Queued = 0,
    Running = 1,
    Succeeded = 2,
    Failed = 3,
}
