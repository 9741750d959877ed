using System.Text;
using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Images;

namespace KubeAdvisor.Web.Features.Workloads;

/// <summary>
/// Concrete YAML for a finding: the container's lines as they should read after the fix, at the right place in the
/// workload's manifest, and the annotation that exempts the workload instead when the finding is intended.
/// </summary>
public static class FixSnippets
{
    public static string Fix(string kind, string policyId, string? container, string? containerType, string? image, string? pullPolicy)
    {
        var reference = ImageReference.Parse(image);
        var repo = reference.IsValid ? $"{(reference.Registry is null ? "" : reference.Registry + "/")}{reference.Repository}" : image ?? "<image>";
        var tag = reference.Tag is { } t && !t.Equals("latest", StringComparison.OrdinalIgnoreCase) ? t : "<version>";
        var lines = policyId switch
        {
            "image-tag-latest" or "image-tag-missing" or "image-tag-floating" =>
                new[] { $"image: {repo}:<version>   # an immutable release tag, e.g. {repo}:1.4.2", $"# or pinned: image: {repo}:<version>@sha256:<digest>" },
            "image-digest-required" =>
                [$"image: {repo}:{tag}@sha256:<digest>   # the digest that runs now: see the pod's status.containerStatuses[].imageID"],
            "image-pull-policy-mutable" =>
                [$"image: {repo}:{tag}@sha256:<digest>   # pinned: IfNotPresent is then safe", "# or, without a digest:", "imagePullPolicy: Always"],
            "image-registry-allowed" =>
                [$"image: <allowed-registry>/{reference.Repository}:{tag}   # mirror the image into a registry of the cluster's allow-list"],
            "image-reference-invalid" =>
                [$"image: <registry>/<repository>:<tag>   # '{image}' is not a valid image reference: {reference.Error}"],
            _ => [$"image: {image}   # see the remediation above"],
        };
        if (pullPolicy is not null && policyId != "image-pull-policy-mutable")
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
