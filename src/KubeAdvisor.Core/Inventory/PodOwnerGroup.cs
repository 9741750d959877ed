namespace KubeAdvisor.Core.Inventory;

/// <summary>
/// Pods that share one controlling owner, reduced to what the snapshot needs: running-image counts and the
/// first pod's template (used only when the owner turns out to be unknown and no object lies between).
/// Whole pods are not kept.
/// </summary>
internal sealed class PodOwnerGroup(OwnerReference owner, string @namespace, PodTemplate firstTemplate)
{
    public OwnerReference Owner { get; } = owner;

    public string Namespace { get; } = @namespace;

    public PodTemplate FirstTemplate { get; } = firstTemplate;

    public RunningCounts Counts { get; } = new();

    public void AddPod(KubeObject pod) => Count(Counts, pod);

    /// <summary>Adds the running containers of <paramref name="pod"/> to <paramref name="counts"/>.</summary>
    public static void Count(RunningCounts counts, KubeObject pod)
    {
        var revision = RevisionOf(pod.Labels);
        foreach (var status in pod.ContainerStatuses)
        {
            if (string.IsNullOrWhiteSpace(status.ImageId))
            {
                continue; // pending: nothing runs yet
            }

            var key = new RunningImageKey(
                status.Name,
                status.Type,
                SpecImage(pod.Template.Spec, status),
                revision,
                ImageIdDigest.Extract(status.ImageId));
            counts.Add(key, 1);
        }
    }

    public static string RevisionOf(IReadOnlyDictionary<string, string> labels) =>
        labels.TryGetValue("pod-template-hash", out var hash) ? hash
        : labels.TryGetValue("controller-revision-hash", out var rev) ? rev
        : string.Empty;

    private static string SpecImage(PodSpec spec, ContainerStatus status)
    {
        var list = status.Type switch
        {
            ContainerType.Init => spec.InitContainers,
            ContainerType.Ephemeral => spec.EphemeralContainers,
            _ => spec.Containers,
        };
        foreach (var c in list)
        {
            if (c.Name == status.Name)
            {
                return c.Image;
            }
        }

        return status.Image;
    }
}
