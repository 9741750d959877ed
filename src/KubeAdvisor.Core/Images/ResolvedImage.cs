namespace KubeAdvisor.Core.Images;

/// <summary>
/// A parsed image with its derived strings computed once. The evaluator resolves each distinct image string once
/// per evaluation and shares the instance between containers and policies.
/// </summary>
public sealed class ResolvedImage
{
    private ResolvedImage(ImageReference reference)
    {
        Reference = reference;
        FullRepository = reference.FullRepository;
        Normalized = reference.Normalized;
    }

    /// <summary>The parsed reference.</summary>
    public ImageReference Reference { get; }

    /// <summary><see cref="ImageReference.FullRepository"/>, e.g. <c>docker.io/library/nginx</c>; empty when invalid.</summary>
    public string FullRepository { get; }

    /// <summary><see cref="ImageReference.Normalized"/>; the original text when invalid.</summary>
    public string Normalized { get; }

    /// <summary>The image as written.</summary>
    public string Original => Reference.Original;

    /// <summary>Parses and resolves an image string; never throws.</summary>
    public static ResolvedImage Resolve(string? image) => new(ImageReference.Parse(image));
}
