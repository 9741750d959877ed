using KubeAdvisor.Core.Images;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Data;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Scans;

/// <summary>
/// The way back for tag findings: the exact pin to the last digest that ran before the most recent move
/// (or, if the digest never moved, to the one running now), ready to copy as the container's image line.
/// </summary>
internal sealed class PinSuggestions
{
    private static readonly HashSet<string> TagPolicies = new(StringComparer.Ordinal)
    {
        "image-tag-missing", "image-tag-latest", "image-tag-floating", "image-tag-moved", "image-replica-drift",
        "image-pull-policy-mutable", "image-digest-required",
    };

    private readonly Dictionary<(string Uid, string Type, string Container), string> _pins;

    private PinSuggestions(Dictionary<(string, string, string), string> pins) => _pins = pins;

    /// <summary>From every observation of the cluster, this scan's included.</summary>
    public static PinSuggestions From(IEnumerable<Data.Entities.DigestObservation> all)
    {
        var pins = new Dictionary<(string, string, string), string>();
        foreach (var g in all.GroupBy(d => (d.WorkloadUid, d.ContainerType, d.Container)))
        {
            if (DigestPin.Choose(g.Select(d => new DigestPin.Seen(d.Digest, d.FirstSeen, d.Image))) is { } pin)
            {
                var why = pin.AfterMove ? "the digest that ran before the most recent move" : "the digest running now";
                pins[g.Key] = $"image: {DigestPin.ImageValue(pin.Target)}  # {why}, first seen {pin.Target.FirstSeen:yyyy-MM-dd}";
            }
        }

        return new PinSuggestions(pins);
    }

    public string Remediation(string policyId, string remediation, string workloadUid, ContainerType? type, string? container) =>
        container is not null && type is not null && TagPolicies.Contains(policyId)
            && _pins.TryGetValue((workloadUid, type.Value.ToString(), container), out var pin)
            ? $"{remediation}\nPin it: {pin}"
            : remediation;
}
