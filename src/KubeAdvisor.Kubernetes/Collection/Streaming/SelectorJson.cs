using System.Text.Json;
using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Kubernetes.Collection.Streaming;

/// <summary>A PodDisruptionBudget's spec.selector, as <c>KubeObjectMapper</c> maps V1LabelSelector.</summary>
internal static class SelectorJson
{
    /// <summary>The empty selector (also used when spec.selector is null; SelectsNothing tells them apart).</summary>
    public static LabelSelector Empty { get; } = new(MetaJson.None.Labels, []);

    /// <summary>Reads a PDB spec; null when the spec or its selector is missing or null.</summary>
    /// <summary>A label selector object (matchLabels, matchExpressions); null for a JSON null.</summary>
    public static LabelSelector? Selector(ref Utf8JsonReader r, ReadCache cache)
    {
        if (!JsonRead.IsObject(ref r))
        {
            return null;
        }

        var labels = MetaJson.None.Labels;
        IReadOnlyList<LabelSelectorRequirement> expressions = [];
        while (JsonRead.NextProperty(ref r))
        {
            if (r.ValueTextEquals("matchLabels"u8))
            {
                JsonRead.Next(ref r);
                labels = MetaJson.LabelsOf(ref r, cache);
            }
            else if (r.ValueTextEquals("matchExpressions"u8))
            {
                JsonRead.Next(ref r);
                expressions = Expressions(ref r);
            }
            else
            {
                JsonRead.SkipValue(ref r);
            }
        }

        return new LabelSelector(labels, expressions);
    }

    private static IReadOnlyList<LabelSelectorRequirement> Expressions(ref Utf8JsonReader r)
    {
        if (!JsonRead.IsArray(ref r))
        {
            return [];
        }

        var list = new List<LabelSelectorRequirement>();
        while (JsonRead.NextElement(ref r))
        {
            if (!JsonRead.IsObject(ref r))
            {
                throw JsonRead.Unexpected(ref r, "a label selector requirement");
            }

            string? key = null, op = null;
            List<string>? values = null;
            while (JsonRead.NextProperty(ref r))
            {
                if (r.ValueTextEquals("key"u8))
                {
                    JsonRead.Next(ref r);
                    key = JsonRead.String(ref r);
                }
                else if (r.ValueTextEquals("operator"u8))
                {
                    JsonRead.Next(ref r);
                    op = JsonRead.String(ref r);
                }
                else if (r.ValueTextEquals("values"u8))
                {
                    JsonRead.Next(ref r);
                    values = JsonRead.StringList(ref r);
                }
                else
                {
                    JsonRead.SkipValue(ref r);
                }
            }

            list.Add(new LabelSelectorRequirement(key ?? "", op ?? "", values ?? []));
        }

        return list.Count > 0 ? list : [];
    }
}
