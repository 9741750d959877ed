using KubeAdvisor.Core.Images;

namespace KubeAdvisor.Core.Evaluation;

/// <summary>A distinct image string of one evaluation: parsed once, glob exemptions matched once per policy.</summary>
internal sealed class ImageEntry
{
    private readonly bool[]? _exempt;

    public ImageEntry(string image, PlannedPolicy[] plan)
    {
        Image = ResolvedImage.Resolve(image);
        for (var i = 0; i < plan.Length; i++)
        {
            foreach (var glob in plan[i].ExemptImages)
            {
                if (ImageGlobMatches(glob))
                {
                    (_exempt ??= new bool[plan.Length])[i] = true;
                    break;
                }
            }
        }
    }

    public ResolvedImage Image { get; }

    public bool IsExempt(int policyIndex) => _exempt is not null && _exempt[policyIndex];

    // Match the image as written and fully qualified, so "nginx*" and "docker.io/library/nginx*" both work.
    private bool ImageGlobMatches(string glob) =>
        Policies.ImageGlob.IsMatch(glob, Image.Original)
        || (Image.Reference.IsValid && Policies.ImageGlob.IsMatch(glob, Image.Normalized));
}
