using System.Text;
using System.Text.Json;

namespace KubeAdvisor.Cli.Reports;

/// <summary>
/// <c>{"findings": [...]}</c> with the findings API's field names (namespace, kind, name, container, containerType,
/// image, policy, severity, message; FindingsApi.FindingDto) plus file and line.
/// </summary>
internal static class JsonReport
{
    public static string Write(ScanOutcome outcome)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("findings");
            foreach (var located in outcome.Findings)
            {
                var f = located.Finding;
                json.WriteStartObject();
                json.WriteString("namespace", f.Namespace);
                json.WriteString("kind", f.WorkloadKind);
                json.WriteString("name", f.WorkloadName);
                json.WriteString("container", f.ContainerName);
                json.WriteString("containerType", f.ContainerType?.ToString());
                json.WriteString("image", f.Image);
                json.WriteString("policy", f.PolicyId);
                json.WriteString("severity", f.Severity.ToString());
                json.WriteString("message", f.Message);
                json.WriteString("file", located.File);
                json.WriteNumber("line", located.Line);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).ReplaceLineEndings("\n") + "\n";
    }
}
