using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Images;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Data.Entities;

namespace KubeAdvisor.Web.Features.Scans;

/// <summary>
/// The way back for tag findings: the exact pin to the last digest that ran before the most recent move
/// (or, if the digest never moved, to the one running now), ready to copy as the container's image line. Offered for
/// the policies whose descriptor says <c>FixedByDigestPin</c>.
/// </summary>
internal sealed class PinSuggestions
{
    private readonly Dictionary<(string Uid, string Type, string Container), List<DigestObservation>> _history;
    private readonly Dictionary<(string Uid, string Type, string Container), string?> _pins = [];

    private PinSuggestions(Dictionary<(string, string, string), List<DigestObservation>> history) => _history = history;

    /// <summary>
    /// From every observation of the cluster, this scan's included; only the containers of <paramref name="findings"/> whose
    /// policy is fixed by a pin keep theirs (a large cluster has a history for every container, and few need one).
    /// </summary>
    public static PinSuggestions From(IEnumerable<DigestObservation> all, IEnumerable<Finding> findings)
    {
        var wanted = new HashSet<(string, string, string)>();
        foreach (var f in findings)
        {
            if (f.ContainerName is not null && f.ContainerType is not null && PolicyCatalog.Find(f.PolicyId)?.Descriptor.FixedByDigestPin == true)
            {
                wanted.Add((f.WorkloadUid, f.ContainerType.Value.ToString(), f.ContainerName));
            }
        }

        var history = new Dictionary<(string, string, string), List<DigestObservation>>(wanted.Count);
        foreach (var d in all)
        {
            var key = (d.WorkloadUid, d.ContainerType, d.Container);
            if (!wanted.Contains(key))
            {
                continue;
            }

            if (!history.TryGetValue(key, out var list))
            {
                history[key] = list = new List<DigestObservation>(1);
            }

            list.Add(d);
        }

        return new PinSuggestions(history);
    }

    public string Remediation(string policyId, string remediation, string workloadUid, ContainerType? type, string? container) =>
        container is not null && type is not null && PolicyCatalog.Find(policyId)?.Descriptor.FixedByDigestPin == true
            && Pin((workloadUid, type.Value.ToString(), container)) is { } pin
            ? $"{remediation}\nPin it: {pin}"
            : remediation;

    // Chosen on first use: only containers with a tag finding need one, and a scan has far fewer of those than containers.
    private string? Pin((string, string, string) key)
    {
        if (_pins.TryGetValue(key, out var cached))
        {
            return cached;
        }

        string? line = null;
        if (_history.TryGetValue(key, out var seen)
            && DigestPin.Choose(seen.Select(d => new DigestPin.Seen(d.Digest, d.FirstSeen, d.Image))) is { } pin)
        {
            var why = pin.AfterMove ? "the digest that ran before the most recent move" : "the digest running now";
            line = $"image: {DigestPin.ImageValue(pin.Target)}  # {why}, first seen {pin.Target.FirstSeen:yyyy-MM-dd}";
        }

        _pins[key] = line;
        return line;
    }
}
