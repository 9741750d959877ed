using Prometheus;

namespace KubeAdvisor.Web.Features.Metrics;

/// <summary>
/// Sets the series of a labelled gauge for one refresh and then removes every series that was not set, so a deleted
/// cluster, a renamed one or a namespace that left the worst N stops being exported instead of keeping its last value.
/// </summary>
internal sealed class GaugeRound(Gauge gauge)
{
    private readonly HashSet<string> _set = new(StringComparer.Ordinal);

    public void Set(double value, params string[] labels)
    {
        gauge.WithLabels(labels).Set(value);
        _set.Add(Key(labels));
    }

    public void Finish()
    {
        foreach (var labels in gauge.GetAllLabelValues().ToList())
        {
            if (!_set.Contains(Key(labels)))
            {
                gauge.RemoveLabelled(labels);
            }
        }
    }

    private static string Key(string[] labels) => string.Join('\u001f', labels);
}
