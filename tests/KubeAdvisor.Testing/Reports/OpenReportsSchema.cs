using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.Serialization;

namespace KubeAdvisor.Testing.Reports;

/// <summary>
/// The openAPIV3Schema of the Report and ClusterReport CRDs in deploy/crds/, as JSON Schema, made strict: an object with
/// declared properties takes no others. The API server would prune an undeclared field without a word, so for us it is
/// an error (a field we meant to send that no consumer would ever see). Used by the reports API's tests and by the agent's,
/// which validate what it wrote into the (fake) cluster.
/// </summary>
public static class OpenReportsSchema
{
    private static readonly Lazy<JsonSchema> Report = new(() => Load("openreports.io_reports.yaml"));
    private static readonly Lazy<JsonSchema> ClusterReport = new(() => Load("openreports.io_clusterreports.yaml"));

    /// <summary>The schema errors of one item (by its kind), as "location: message" lines; empty when it is valid.</summary>
    public static IReadOnlyList<string> Errors(JsonNode item)
    {
        var schema = item["kind"]?.GetValue<string>() switch
        {
            "Report" => Report.Value,
            "ClusterReport" => ClusterReport.Value,
            var other => throw new InvalidOperationException($"not an openreports kind: {other}"),
        };
        var result = schema.Evaluate(JsonSerializer.SerializeToElement(item), new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"))];
    }

    /// <summary>The CRD's openAPIV3Schema (its only version, v1alpha1), strict.</summary>
    public static JsonObject SchemaOf(string file)
    {
        var crd = new DeserializerBuilder().Build().Deserialize<object>(RepositoryFiles.Read(Path.Combine("deploy", "crds", file)));
        var json = JsonNode.Parse(new SerializerBuilder().JsonCompatible().Build().Serialize(crd))!;
        var version = json["spec"]!["versions"]!.AsArray().Single()!;
        if (version["name"]!.GetValue<string>() != "v1alpha1")
        {
            throw new InvalidOperationException($"{file}: expected the one version v1alpha1");
        }

        var schema = version["schema"]!["openAPIV3Schema"]!.DeepClone().AsObject();
        Strict(schema);
        return schema;
    }

    private static JsonSchema Load(string file)
    {
        // No $id (JsonSchema.Net reads keywords in order: an $id after "properties" re-bases the subschemas built before it),
        // and a registry of our own, not the process-global one. What the CRDs use of OpenAPI v3 reads the same in draft 2020-12.
        return JsonSchema.FromText(SchemaOf(file).ToJsonString(), new BuildOptions { Dialect = Dialect.Draft202012, SchemaRegistry = new SchemaRegistry() });
    }

    // Walks schemas only (not the property maps, where "properties" may be a field's name, as in a result).
    private static void Strict(JsonObject schema)
    {
        foreach (var key in schema.Select(p => p.Key).Where(k => k.StartsWith("x-kubernetes-", StringComparison.Ordinal)).ToList())
        {
            schema.Remove(key);
        }

        if (schema["properties"] is JsonObject properties)
        {
            if (!schema.ContainsKey("additionalProperties"))
            {
                schema["additionalProperties"] = false;
            }

            foreach (var field in properties.Select(p => p.Value).OfType<JsonObject>())
            {
                Strict(field);
            }
        }

        if (schema["items"] is JsonObject items)
        {
            Strict(items);
        }

        if (schema["additionalProperties"] is JsonObject values)
        {
            Strict(values);
        }
    }
}
