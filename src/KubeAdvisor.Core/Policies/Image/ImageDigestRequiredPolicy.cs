namespace KubeAdvisor.Core.Policies.Image;

/// <summary>image-digest-required: the image is not pinned by digest (unless its registry is exempt).</summary>
internal sealed class ImageDigestRequiredPolicy : ContainerPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "image-digest-required",
        Title: "Image is not pinned by digest",
        Description: "The image reference has no @sha256:… digest. Registries (or registry/repository prefixes) listed as "
            + "digest-exempt in the cluster's settings are skipped.",
        Rationale: "Any tag can be pushed again; only a digest names one build. Pinning makes every node run the same bytes "
            + "and makes a compromised registry unable to swap an image under a running service.",
        Remediation: "Append the digest your pipeline built: image: registry.internal/api:1.4.2@sha256:<64 hex> "
            + "(tools such as crane digest or kustomize images can fill it in).",
        Category: "Images",
        DefaultSeverity: Severity.Low,
        DefaultEnabled: false,
        Pack: "image");

    public override CheckResult Evaluate(in ContainerContext context)
    {
        var image = context.Reference;
        if (!image.IsValid)
        {
            return CheckResult.NotApplicable;
        }

        if (image.HasDigest)
        {
            return CheckResult.Pass;
        }

        if (PolicyParameters.IsUnderAnyPrefix(context.Image.FullRepository, context.Parameters.DigestExemptRegistries))
        {
            return CheckResult.Exempt;
        }

        return CheckResult.Fail(image.HasTag
            ? $"image {image.Original} is not pinned by digest; the tag '{image.Tag}' can be pushed again with another build"
            : $"image {image.Original} is not pinned by digest and has no tag");
    }
}
