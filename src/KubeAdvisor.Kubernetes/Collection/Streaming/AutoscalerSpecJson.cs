using System.Text.Json;

namespace KubeAdvisor.Kubernetes.Collection.Streaming;

/// <summary>
/// A HorizontalPodAutoscaler's spec (autoscaling/v2): scaleTargetRef's kind and name, minReplicas and maxReplicas.
/// Metrics and behavior are skipped.
/// </summary>
internal static class AutoscalerSpecJson
{
    public static (string? TargetKind, string? TargetName, int? MinReplicas, int? MaxReplicas) Read(ref Utf8JsonReader r, ReadCache cache)
    {
        string? kind = null, name = null;
        int? min = null, max = null;
        if (!JsonRead.IsObject(ref r))
        {
            return (kind, name, min, max);
        }

        while (JsonRead.NextProperty(ref r))
        {
            if (r.ValueTextEquals("scaleTargetRef"u8))
            {
                JsonRead.Next(ref r);
                (kind, name, _) = ObjectReferenceJson.Read(ref r, cache);
            }
            else if (r.ValueTextEquals("minReplicas"u8))
            {
                JsonRead.Next(ref r);
                min = JsonRead.Int(ref r);
            }
            else if (r.ValueTextEquals("maxReplicas"u8))
            {
                JsonRead.Next(ref r);
                max = JsonRead.Int(ref r);
            }
            else
            {
                JsonRead.SkipValue(ref r);
            }
        }

        return (kind, name, min, max);
    }
}
