namespace KubeAdvisor.Core.Policies.Image;

/// <summary>The <c>image-tag-missing</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class ImageTagMissingPolicy : ContainerPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "image-tag-missing",
        Title: "Image has no tag",
        Description: "The image reference has neither a tag nor a digest. A registry port (localhost:5000/app) is not a tag.",
        Rationale: "Without a tag the runtime pulls 'latest' as it is at pull time: a node that pulls later runs a different build "
            + "than its peers, and a rollback has nothing to roll back to.",
        Remediation: "Pin an immutable version tag (image: nginx:1.27.3) or, better, a digest (image: nginx:1.27.3@sha256:…).",
        Category: "Images",
        DefaultSeverity: Severity.High,
        DefaultEnabled: true,
        Pack: "image")
    {
        Polaris = ["tagNotSpecified"],
        FixedByDigestPin = true,
        FixTemplate = TagFix.Template,
        ExampleFailure = "image registry.internal:5000/api has no tag — 5000 is the registry port, not a tag",
    };

    public override CheckResult Evaluate(in ContainerContext context)
    {
        var image = context.Reference;
        if (!image.IsValid)
        {
            return CheckResult.NotApplicable;
        }

        if (image.HasTag || image.HasDigest)
        {
            return CheckResult.Pass;
        }

        return CheckResult.Fail(image.HasPort
            ? $"image {image.Original} has no tag — {image.Port} is the registry port, not a tag"
            : $"image {image.Original} has no tag and no digest, so it runs whatever {context.Image.FullRepository}:latest is when a node pulls it");
    }
}
