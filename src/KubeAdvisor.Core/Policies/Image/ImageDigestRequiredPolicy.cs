namespace KubeAdvisor.Core.Policies.Image;

/// <summary>The <c>image-digest-required</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class ImageDigestRequiredPolicy : ContainerPolicy
{
    internal static PolicyParameter DigestExemptRegistries { get; } = new(
        "digestExemptRegistries",
        "Digest-exempt registries",
        "Prefixes exempt from image-digest-required.",
        s => s.DigestExemptRegistries,
        (s, v) => s with { DigestExemptRegistries = v });

    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "image-digest-required",
        Title: "Image is not pinned by digest",
        Description: "The image reference has no @sha256:… digest. Registries (or registry/repository prefixes) listed as "
            + "digest-exempt in the cluster's settings are skipped."
            + " Prefixes match on path boundaries, like the allowed registries; a skipped image counts as exempt.",
        Rationale: "Any tag can be pushed again; only a digest names one build. Pinning makes every node run the same bytes "
            + "and makes a compromised registry unable to swap an image under a running service.",
        Remediation: "Append the digest your pipeline built: image: registry.internal/api:1.4.2@sha256:<64 hex> "
            + "(tools such as crane digest or kustomize images can fill it in).",
        Category: "Images",
        DefaultSeverity: Severity.Low,
        DefaultEnabled: false,
        Pack: "image")
    {
        Controls = ["cis-1.9:5.5.1", "nsa-cisa:secure-images"],
        FixedByDigestPin = true,
        FixTemplate = "image: {repo}:{tag}@sha256:<digest>   # the digest that runs now: see the pod's status.containerStatuses[].imageID",
        Parameters = [DigestExemptRegistries],
    };

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
