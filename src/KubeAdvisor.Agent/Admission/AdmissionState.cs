using KubeAdvisor.Kubernetes.Admission;

namespace KubeAdvisor.Agent.Admission;

/// <summary>
/// The configuration the webhook judges with: the last one pulled successfully, kept while the server is unreachable.
/// Before the first successful pull it is <see cref="AdmissionConfig.Off"/>: everything is allowed (said in the log and
/// on /readyz), because a webhook that cannot know the cluster's rules must not be the reason it cannot deploy.
/// </summary>
public sealed class AdmissionState
{
    private AdmissionJudge _judge = new(AdmissionConfig.Off);

    public AdmissionJudge Judge => Volatile.Read(ref _judge);

    public bool Loaded { get; private set; }

    public string? ETag { get; private set; }

    public DateTimeOffset? LastPulledAt { get; private set; }

    public string? Problem { get; private set; }

    public void Replace(AdmissionConfig config, string? etag, DateTimeOffset now)
    {
        Volatile.Write(ref _judge, new AdmissionJudge(config));
        (ETag, Loaded, LastPulledAt, Problem) = (etag, true, now, null);
    }

    public void Unchanged(DateTimeOffset now) => (LastPulledAt, Problem) = (now, null);

    public void Failed(string problem) => Problem = problem;
}
