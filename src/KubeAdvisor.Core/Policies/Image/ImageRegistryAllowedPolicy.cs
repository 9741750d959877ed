namespace KubeAdvisor.Core.Policies.Image;

/// <summary>The <c>image-registry-allowed</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class ImageRegistryAllowedPolicy : ContainerPolicy
{
    internal static PolicyParameter AllowedRegistries { get; } = new(
        "allowedRegistries",
        "Allowed registries",
        "Registry/repository prefixes for image-registry-allowed, e.g. ghcr.io/acme.",
        s => s.AllowedRegistries,
        (s, v) => s with { AllowedRegistries = v });

    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "image-registry-allowed",
        Title: "Image registry is not allowed",
        Description: "The fully qualified repository (docker.io/library/nginx for 'nginx') is not under one of the cluster's allowed "
            + "prefixes. Prefixes match on path boundaries: docker.io/library allows docker.io/library/nginx, not docker.io/library-evil/x."
            + " registry.internal:5000 allows everything on that host and port. Host names compare "
            + "case-insensitively, a trailing '/' is ignored, and index.docker.io means docker.io. Enabled with an "
            + "empty allow-list, every image fails (fail closed), and validating the settings reports it.",
        Rationale: "Images from unvetted registries bypass the scanning, signing and retention your own registry enforces, "
            + "and typosquatted repositories are a known supply-chain attack.",
        Remediation: "Mirror the image into an allowed registry and reference it there (image: registry.internal/mirror/nginx:1.27.3), "
            + "or add the registry prefix to the cluster's allowed registries.",
        Category: "Images",
        DefaultSeverity: Severity.High,
        DefaultEnabled: false,
        Pack: "image")
    {
        Controls = ["cis-1.9:5.5.1", "nsa-cisa:secure-images"],
        FixTemplate = "image: <allowed-registry>/{repository}:{tag}   # mirror the image into a registry of the cluster's allow-list",
        Parameters = [AllowedRegistries],
    };

    public override CheckResult Evaluate(in ContainerContext context)
    {
        var image = context.Reference;
        if (!image.IsValid)
        {
            return CheckResult.NotApplicable;
        }

        var allowed = context.Parameters.AllowedRegistries;
        if (allowed.Count == 0)
        {
            return CheckResult.Fail($"image {image.Original} comes from {context.Image.FullRepository}, and no registry is allowed (the allow-list is empty)");
        }

        return PolicyParameters.IsUnderAnyPrefix(context.Image.FullRepository, allowed)
            ? CheckResult.Pass
            : CheckResult.Fail($"image {image.Original} comes from {context.Image.FullRepository}, which is not under an allowed prefix ({string.Join(", ", allowed)})");
    }
}
