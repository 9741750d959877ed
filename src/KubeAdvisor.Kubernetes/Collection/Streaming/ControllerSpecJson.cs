using System.Text.Json;
using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Kubernetes.Collection.Streaming;

/// <summary>
/// A controller's spec: spec.template and spec.replicas, or for a CronJob spec.jobTemplate.spec.template
/// (as <c>KubeObjectMapper</c> reads them).
/// </summary>
internal static class ControllerSpecJson
{
    public static (PodTemplate? Template, int? Replicas) Read(ref Utf8JsonReader r, bool cronJob, ReadCache cache)
    {
        PodTemplate? template = null;
        int? replicas = null;
        if (!JsonRead.IsObject(ref r))
        {
            return (template, replicas);
        }

        while (JsonRead.NextProperty(ref r))
        {
            if (!cronJob && r.ValueTextEquals("template"u8))
            {
                JsonRead.Next(ref r);
                template = PodSpecJson.Template(ref r, cache);
            }
            else if (!cronJob && r.ValueTextEquals("replicas"u8))
            {
                JsonRead.Next(ref r);
                replicas = JsonRead.Int(ref r);
            }
            else if (cronJob && r.ValueTextEquals("jobTemplate"u8))
            {
                // spec.jobTemplate.spec.template: the job template's spec is a JobSpec, read like a controller spec.
                JsonRead.Next(ref r);
                template = Nested(ref r, cache);
            }
            else
            {
                JsonRead.SkipValue(ref r);
            }
        }

        return (template, replicas);
    }

    private static PodTemplate? Nested(ref Utf8JsonReader r, ReadCache cache)
    {
        PodTemplate? template = null;
        if (!JsonRead.IsObject(ref r))
        {
            return template;
        }

        while (JsonRead.NextProperty(ref r))
        {
            if (r.ValueTextEquals("spec"u8))
            {
                JsonRead.Next(ref r);
                template = Read(ref r, false, cache).Template;
            }
            else
            {
                JsonRead.SkipValue(ref r);
            }
        }

        return template;
    }
}
