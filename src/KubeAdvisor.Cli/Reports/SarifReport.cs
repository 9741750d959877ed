using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Cli.Reports;

/// <summary>
/// SARIF 2.1.0 for code scanning: one rule per enabled policy (its descriptor's title, description, remediation, a
/// help link into docs/policies.md and a <c>security-severity</c> GitHub ranks by), one result per finding located at
/// the container's <c>image:</c> line or the object's <c>kind:</c> line, relative to <c>%SRCROOT%</c> (the repository
/// root when the CLI runs there). The fingerprint leaves the line out, so moving an object does not reopen its alerts.
/// </summary>
internal static class SarifReport
{
    public const string RootBase = "%SRCROOT%";
    public const string FingerprintKey = "kubeadvisorFinding/v1";

    public static string Write(ScanOutcome outcome, string docsUrl)
    {
        var ruleIndex = outcome.Rules.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", "KubeAdvisor");
            json.WriteString("informationUri", docsUrl);
            json.WriteString("semanticVersion", CliText.Version);
            json.WriteStartArray("rules");
            foreach (var rule in outcome.Rules)
            {
                Rule(json, rule, outcome.Settings.SeverityOf(rule), docsUrl);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteString("columnKind", "utf16CodeUnits");
            json.WriteStartArray("results");
            foreach (var located in outcome.Findings)
            {
                Result(json, located, ruleIndex.GetValueOrDefault(located.Finding.PolicyId, -1));
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).ReplaceLineEndings("\n") + "\n";
    }

    private static void Rule(Utf8JsonWriter json, PolicyDescriptor d, Severity severity, string docsUrl)
    {
        json.WriteStartObject();
        json.WriteString("id", d.Id);
        json.WriteString("name", string.Concat(d.Id.Split('-').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..])));
        Message(json, "shortDescription", d.Title);
        Message(json, "fullDescription", d.Description);
        Message(json, "help", d.Remediation);
        json.WriteString("helpUri", $"{docsUrl.Split('#')[0]}#{PolicyDocs.Anchor(d)}");
        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", Level(severity));
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteString("security-severity", SecuritySeverity(severity));
        json.WriteStartArray("tags");
        json.WriteStringValue(d.Category.ToLowerInvariant());
        json.WriteStringValue(d.Pack);
        json.WriteStringValue("kubernetes");
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Result(Utf8JsonWriter json, LocatedFinding located, int ruleIndex)
    {
        var f = located.Finding;
        var container = f.ContainerName is null ? "" : $" container {f.ContainerName}";
        json.WriteStartObject();
        json.WriteString("ruleId", f.PolicyId);
        if (ruleIndex >= 0)
        {
            json.WriteNumber("ruleIndex", ruleIndex);
        }

        json.WriteString("level", Level(f.Severity));
        Message(json, "message", $"{f.Namespace}/{f.WorkloadKind}/{f.WorkloadName}{container}: {f.Message}");
        json.WriteStartArray("locations");
        json.WriteStartObject();
        if (located.File.Length > 0)
        {
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            json.WriteString("uri", string.Join('/', located.File.Split('/').Select(Uri.EscapeDataString)));
            json.WriteString("uriBaseId", RootBase);
            json.WriteEndObject();
            if (located.Line > 0)
            {
                json.WriteStartObject("region");
                json.WriteNumber("startLine", located.Line);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteStartArray("logicalLocations");
        json.WriteStartObject();
        json.WriteString("fullyQualifiedName", $"{f.Namespace}/{f.WorkloadKind}/{f.WorkloadName}{(f.ContainerName is null ? "" : "/" + f.ContainerName)}");
        json.WriteString("kind", "object");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("partialFingerprints");
        json.WriteString(FingerprintKey, Fingerprint(located));
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteString("severity", f.Severity.ToString().ToLowerInvariant());
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Message(Utf8JsonWriter json, string name, string text)
    {
        json.WriteStartObject(name);
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    // code scanning: error for high and critical, warning for medium, note below.
    private static string Level(Severity s) => s switch
    {
        Severity.Critical or Severity.High => "error",
        Severity.Medium => "warning",
        _ => "note",
    };

    // GitHub's bands: critical > 9.0, high 7.0–8.9, medium 4.0–6.9, low 0.1–3.9.
    private static string SecuritySeverity(Severity s) => s switch
    {
        Severity.Critical => "9.5",
        Severity.High => "8.0",
        Severity.Medium => "5.5",
        Severity.Low => "3.0",
        _ => "1.0",
    };

    private static string Fingerprint(LocatedFinding located)
    {
        var f = located.Finding;
        var key = string.Join('\0', f.PolicyId, located.File, f.Namespace, f.WorkloadKind, f.WorkloadName, f.ContainerName ?? "", f.ContainerType?.ToString() ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
    }
}
