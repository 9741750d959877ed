namespace KubeAdvisor.Core.Policies.Image;

/// <summary>image-tag-floating: the tag is one of the cluster's floating tags and no digest pins it.</summary>
internal sealed class ImageTagFloatingPolicy : ContainerPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "image-tag-floating",
        Title: "Image uses a floating tag",
        Description: "The tag is in the cluster's list of floating tags (default: stable, main, master, develop, dev, edge, nightly, "
            + "snapshot, canary), compared case-insensitively, and no digest pins the image.",
        Rationale: "Branch and channel tags move by design, like 'latest': replicas pulled at different times run different builds.",
        Remediation: "Deploy the immutable tag your pipeline builds (a version or commit sha) or pin a digest; "
            + "adjust the list in the cluster's policy settings if a tag is immutable in your registry.",
        Category: "Images",
        DefaultSeverity: Severity.Medium,
        DefaultEnabled: false,
        Pack: "image");

    public override CheckResult Evaluate(in ContainerContext context)
    {
        var image = context.Reference;
        if (!image.IsValid)
        {
            return CheckResult.NotApplicable;
        }

        return image.HasDigest || !image.HasTag || !context.Parameters.IsFloatingTag(image.TagSpan)
            ? CheckResult.Pass
            : CheckResult.Fail($"image {image.Original} uses the floating tag '{image.Tag}', which moves to new builds");
    }
}
