using System.Text;
using System.Text.RegularExpressions;
using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Images;
using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Web.Features.Workloads;

/// <summary>
/// Concrete YAML for a finding: the container's lines as they should read after the fix (the policy descriptor's
/// FixTemplate, filled in from the finding), at the right place in the workload's manifest, and the annotation that
/// exempts the workload instead when the finding is intended.
/// </summary>
public static partial class FixSnippets
{
    // For a policy without a FixTemplate in its descriptor.
    private const string GenericFix = "image: {image}   # see the remediation above";

    public static string Fix(string kind, string policyId, string? container, string? containerType, string? image, string? pullPolicy)
    {
        var reference = ImageReference.Parse(image);
        var repo = reference.IsValid ? $"{(reference.Registry is null ? "" : reference.Registry + "/")}{reference.Repository}" : image ?? "<image>";
        var tag = reference.Tag is { } t && !t.Equals("latest", StringComparison.OrdinalIgnoreCase) ? t : "<version>";
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["image"] = image ?? "",
            ["repo"] = repo,
            ["repository"] = reference.Repository ?? "",
            ["tag"] = tag,
            ["error"] = reference.Error ?? "",
        };
        var template = PolicyCatalog.Find(policyId)?.Descriptor.FixTemplate ?? GenericFix;
        var lines = template.TrimEnd().Split('\n')
            .Select(line => Placeholder().Replace(line.TrimEnd('\r'), m => values[m.Groups[1].Value]))
            .ToArray();
        if (pullPolicy is not null && !lines.Any(line => line.StartsWith("imagePullPolicy:", StringComparison.Ordinal)))
        {
            lines = [.. lines, $"imagePullPolicy: {pullPolicy}"];
        }

        var (path, indent) = PodSpecPath(kind);
        var sb = new StringBuilder(path);
        sb.Append(indent).Append(ListName(containerType)).Append(":\n");
        sb.Append(indent).Append("  - name: ").Append(container ?? "<container>").Append('\n');
        foreach (var line in lines)
        {
            sb.Append(indent).Append("    ").Append(line).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The annotation on the workload's metadata that exempts it from one policy (comma-separate several ids).</summary>
    public static string Exemption(string policyId) =>
        $"metadata:\n  annotations:\n    {ExemptAnnotation.Key}: \"{policyId}\"\n";

    [GeneratedRegex(@"\{(image|repo|repository|tag|error)\}")]
    private static partial Regex Placeholder();

    private static string ListName(string? containerType) => containerType switch
    {
        "Init" => "initContainers",
        "Ephemeral" => "ephemeralContainers",
        _ => "containers",
    };

    private static (string Path, string Indent) PodSpecPath(string kind) => kind switch
    {
        "Pod" => ("spec:\n", "  "),
        "CronJob" => ("spec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n", "          "),
        _ => ("spec:\n  template:\n    spec:\n", "      "),
    };
}
