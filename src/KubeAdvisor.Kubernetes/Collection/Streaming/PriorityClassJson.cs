using System.Text.Json;
using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Kubernetes.Collection.Streaming;

/// <summary>A PriorityClass (scheduling.k8s.io/v1): its name, value and globalDefault (top-level fields, not a spec).</summary>
internal static class PriorityClassJson
{
    public static PriorityClass Read(ReadOnlySpan<byte> json, ReadCache cache)
    {
        var r = ObjectJson.Begin(json);
        var meta = MetaJson.None;
        int? value = null;
        bool? globalDefault = null;
        while (JsonRead.NextProperty(ref r))
        {
            if (r.ValueTextEquals("metadata"u8))
            {
                JsonRead.Next(ref r);
                meta = MetaJson.Read(ref r, cache);
            }
            else if (r.ValueTextEquals("value"u8))
            {
                JsonRead.Next(ref r);
                value = JsonRead.Int(ref r);
            }
            else if (r.ValueTextEquals("globalDefault"u8))
            {
                JsonRead.Next(ref r);
                globalDefault = JsonRead.Bool(ref r);
            }
            else
            {
                JsonRead.SkipValue(ref r);
            }
        }

        return new PriorityClass(meta.Name ?? "", value ?? 0, globalDefault ?? false);
    }
}
