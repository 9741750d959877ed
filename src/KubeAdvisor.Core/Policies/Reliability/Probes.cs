using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Core.Policies.Reliability;

/// <summary>Which containers Kubernetes probes, for the probe policies.</summary>
internal static class Probes
{
    /// <summary>
    /// Regular containers and native sidecars (init containers with restartPolicy Always) of pods that run
    /// continuously. Not: plain init containers and ephemeral containers (the API forbids probes on them), Jobs and
    /// CronJobs, and any pod whose restartPolicy is OnFailure or Never (run to completion).
    /// </summary>
    public static bool Apply(in ContainerContext context)
    {
        var kind = context.Workload.Kind;
        if (kind is "Job" or "CronJob" || !context.Pod.RunsContinuously)
        {
            return false;
        }

        var container = context.Container;
        return container.Type == ContainerType.Regular || container.IsSidecar;
    }
}
