using System.Text.Json;

namespace KubeAdvisor.Kubernetes.Collection.Streaming;

/// <summary>
/// An object reference as the API writes it in a roleRef, an RBAC subject or an autoscaler's scaleTargetRef: kind
/// (shared through the read cache, kinds repeat), name and namespace; other fields are skipped.
/// </summary>
internal static class ObjectReferenceJson
{
    /// <summary>kind, name and namespace of the reference at the reader (each null when absent, all null for a non-object).</summary>
    public static (string? Kind, string? Name, string? Namespace) Read(ref Utf8JsonReader r, ReadCache cache)
    {
        string? kind = null, name = null, ns = null;
        if (!JsonRead.IsObject(ref r))
        {
            return (kind, name, ns);
        }

        while (JsonRead.NextProperty(ref r))
        {
            if (r.ValueTextEquals("kind"u8))
            {
                JsonRead.Next(ref r);
                kind = cache.Shared(ref r);
            }
            else if (r.ValueTextEquals("name"u8))
            {
                JsonRead.Next(ref r);
                name = JsonRead.String(ref r);
            }
            else if (r.ValueTextEquals("namespace"u8))
            {
                JsonRead.Next(ref r);
                ns = JsonRead.String(ref r);
            }
            else
            {
                JsonRead.SkipValue(ref r);
            }
        }

        return (kind, name, ns);
    }
}
