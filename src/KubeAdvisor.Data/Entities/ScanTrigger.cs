namespace KubeAdvisor.Data.Entities;

/// <summary>What started a scan.</summary>
public enum ScanTrigger
{
    Scheduled = 0,
    Manual = 1,
    Api = 2,
    Agent = 3,
}
