namespace KubeAdvisor.Core.Policies.Image;

/// <summary>image-registry-allowed: the image's registry/repository is not under an allowed prefix.</summary>
internal sealed class ImageRegistryAllowedPolicy : ContainerPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "image-registry-allowed",
        Title: "Image registry is not allowed",
        Description: "The fully qualified repository (docker.io/library/nginx for 'nginx') is not under one of the cluster's allowed "
            + "prefixes. Prefixes match on path boundaries: docker.io/library allows docker.io/library/nginx, not docker.io/library-evil/x.",
        Rationale: "Images from unvetted registries bypass the scanning, signing and retention your own registry enforces, "
            + "and typosquatted repositories are a known supply-chain attack.",
        Remediation: "Mirror the image into an allowed registry and reference it there (image: registry.internal/mirror/nginx:1.27.3), "
            + "or add the registry prefix to the cluster's allowed registries.",
        Category: "Images",
        DefaultSeverity: Severity.High,
        DefaultEnabled: false,
        Pack: "image");

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
