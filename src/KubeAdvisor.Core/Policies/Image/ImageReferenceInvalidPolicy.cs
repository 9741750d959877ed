namespace KubeAdvisor.Core.Policies.Image;

/// <summary>The <c>image-reference-invalid</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class ImageReferenceInvalidPolicy : ContainerPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "image-reference-invalid",
        Title: "Image reference is invalid",
        Description: "The image string does not follow the distribution/OCI reference grammar (e.g. 'nginx:', 'Nginx:1.0', "
            + "'app@sha256:abc', 'a:b:c', empty, surrounding spaces). The other image policies do not judge an invalid reference."
            + " Passes for every valid reference.",
        Rationale: "The kubelet refuses an invalid reference (InvalidImageName): the pod never starts, and tools that guess at the "
            + "meaning of a malformed string report it as compliant.",
        Remediation: "Write the image as [registry[:port]/]repository[:tag][@sha256:<64 hex>], lowercase repository, e.g. "
            + "registry.internal:5000/team/api:1.4.2.",
        Category: "Images",
        DefaultSeverity: Severity.High,
        DefaultEnabled: true,
        Pack: "image")
    {
        FixTemplate = "image: <registry>/<repository>:<tag>   # '{image}' is not a valid image reference: {error}",
        ExampleFailure = "image 'nginx:' is not a valid reference: the tag after ':' is empty",
    };

    public override CheckResult Evaluate(in ContainerContext context)
    {
        var image = context.Reference;
        if (image.IsValid)
        {
            return CheckResult.Pass;
        }

        return CheckResult.Fail(image.Original.Length == 0
            ? $"container {context.Container.Name} has no image"
            : $"image '{image.Original}' is not a valid reference: {image.Error}");
    }
}
