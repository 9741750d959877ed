namespace KubeAdvisor.Core.Policies.Image;

/// <summary>The <c>image-tag-floating</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class ImageTagFloatingPolicy : ContainerPolicy
{
    internal static PolicyParameter FloatingTags { get; } = new(
        "floatingTags",
        "Floating tags",
        "Tags that move by design (image-tag-floating), e.g. stable, main.",
        s => s.FloatingTags,
        (s, v) => s with { FloatingTags = v });

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
        Pack: "image")
    {
        FixedByDigestPin = true,
        FixTemplate = TagFix.Template,
        Parameters = [FloatingTags],
    };

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
