namespace KubeAdvisor.Core.Policies.Image;

/// <summary>The <c>image-pull-policy-mutable</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class ImagePullPolicyMutablePolicy : ContainerPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "image-pull-policy-mutable",
        Title: "Mutable tag with a non-Always pull policy",
        Description: "The image is not pinned by digest and its effective imagePullPolicy is IfNotPresent or Never. When unset, "
            + "Kubernetes defaults it to Always for 'latest' or no tag and to IfNotPresent otherwise; this policy applies that default."
            + " 'latest' compares case-sensitively there, as the API server compares it. A value that is none of "
            + "Always, IfNotPresent and Never fails.",
        Rationale: "With IfNotPresent a node keeps whatever build it pulled first under a tag: after the tag moves, nodes run "
            + "different builds under one name, and which one a pod gets depends on where it is scheduled.",
        Remediation: "Pin the image by digest (then IfNotPresent is safe and saves pulls), or set imagePullPolicy: Always.",
        Category: "Images",
        DefaultSeverity: Severity.Medium,
        DefaultEnabled: false,
        Pack: "image")
    {
        Polaris = ["pullPolicyNotAlways"],
        PolarisDifference = "Polaris fails every pull policy other than Always. KubeAdvisor fails IfNotPresent and Never only on a mutable reference (a tag without a digest): a digest-pinned image cannot change under a node's cache, and an untagged or :latest image's effective pull policy is already Always when the field is unset.",
        FixedByDigestPin = true,
        FixTemplate = """
            image: {repo}:{tag}@sha256:<digest>   # pinned: IfNotPresent is then safe
            # or, without a digest:
            imagePullPolicy: Always
            """,
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

        var written = context.Container.ImagePullPolicy;
        // Kubernetes' defaulting compares the tag with "latest" case-sensitively; a missing tag means latest.
        var effective = written ?? (!image.HasTag || image.TagSpan.SequenceEqual("latest") ? "Always" : "IfNotPresent");
        if (effective == "Always")
        {
            return CheckResult.Pass;
        }

        var how = written is null ? $"defaults to {effective} for the tag '{image.Tag}'" : $"is {effective}";
        return CheckResult.Fail(effective is "IfNotPresent" or "Never"
            ? $"image {image.Original} is not pinned by digest and its imagePullPolicy {how}: nodes keep the build they pulled first"
            : $"image {image.Original} has imagePullPolicy '{effective}', which is not Always, IfNotPresent or Never");
    }
}
