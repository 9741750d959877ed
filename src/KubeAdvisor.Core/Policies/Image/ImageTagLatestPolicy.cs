namespace KubeAdvisor.Core.Policies.Image;

/// <summary>The <c>image-tag-latest</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class ImageTagLatestPolicy : ContainerPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "image-tag-latest",
        Title: "Image uses the latest tag",
        Description: "The tag is 'latest', compared case-insensitively, and no digest pins the image. A digest-pinned image passes whatever its tag."
            + " An untagged image passes here (it fails image-tag-missing).",
        Rationale: "'latest' is overwritten by every push: a replica rescheduled after a push silently runs a different build than the others, "
            + "and you cannot tell from the spec which build runs.",
        Remediation: "Replace 'latest' with an immutable version tag (image: nginx:1.27.3) or pin a digest (image: nginx@sha256:…).",
        Category: "Images",
        DefaultSeverity: Severity.High,
        DefaultEnabled: true,
        Pack: "image")
    {
        Polaris = ["tagNotSpecified"],
        FixedByDigestPin = true,
        FixTemplate = TagFix.Template,
    };

    public override CheckResult Evaluate(in ContainerContext context)
    {
        var image = context.Reference;
        if (!image.IsValid)
        {
            return CheckResult.NotApplicable;
        }

        return image.HasDigest || !image.TagSpan.Equals("latest", StringComparison.OrdinalIgnoreCase)
            ? CheckResult.Pass
            : CheckResult.Fail($"image {image.Original} uses the tag '{image.Tag}', which every push overwrites");
    }
}
