using System.Text.Json;
using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Kubernetes.Collection.Streaming;

/// <summary>
/// A NetworkPolicy's spec (networking.k8s.io/v1): podSelector and policyTypes. Of the rules only whether egress has any
/// is read, which the policy types default on; peers and ports are skipped.
/// </summary>
internal static class NetworkPolicySpecJson
{
    public static (LabelSelector PodSelector, IReadOnlyList<string> PolicyTypes) Read(ref Utf8JsonReader r, ReadCache cache)
    {
        LabelSelector? selector = null;
        List<string>? types = null;
        var hasEgress = false;
        if (JsonRead.IsObject(ref r))
        {
            while (JsonRead.NextProperty(ref r))
            {
                if (r.ValueTextEquals("podSelector"u8))
                {
                    JsonRead.Next(ref r);
                    selector = SelectorJson.Selector(ref r, cache);
                }
                else if (r.ValueTextEquals("policyTypes"u8))
                {
                    JsonRead.Next(ref r);
                    types = cache.SharedList(ref r);
                }
                else if (r.ValueTextEquals("egress"u8))
                {
                    JsonRead.Next(ref r);
                    hasEgress = HasElements(ref r);
                }
                else
                {
                    JsonRead.SkipValue(ref r);
                }
            }
        }

        // A missing podSelector is the empty one: it selects every pod of the namespace.
        return (selector ?? SelectorJson.Empty, NetworkPolicy.EffectivePolicyTypes(types, hasEgress));
    }

    // Whether an array has at least one element; the reader ends on its end (or on null).
    private static bool HasElements(ref Utf8JsonReader r)
    {
        if (!JsonRead.IsArray(ref r))
        {
            return false;
        }

        var any = false;
        while (JsonRead.NextElement(ref r))
        {
            any = true;
            r.Skip();
        }

        return any;
    }
}
