using KubeAdvisor.Core.Images;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Core.Exceptions;

/// <summary>
/// What an exception covers within its cluster (or all clusters). Each part is a glob ('*' any run of characters,
/// '?' one; see <see cref="ImageGlob"/>); null or empty means any. Namespace, kind and name select workloads (kind
/// case-insensitively); container and image narrow the exception to container checks: a scope that names either never
/// exempts a workload-level check. The image glob is matched against the image as written and fully qualified, as the
/// per-policy image exemptions are.
/// </summary>
/// <param name="Namespace">Namespace glob.</param>
/// <param name="Kind">Workload kind glob (Deployment, CronJob, …).</param>
/// <param name="Name">Workload name glob.</param>
/// <param name="Container">Container name glob.</param>
/// <param name="Image">Image glob.</param>
public sealed record ExceptionScope(string? Namespace = null, string? Kind = null, string? Name = null, string? Container = null, string? Image = null)
{
    /// <summary>The longest accepted glob (the longest Kubernetes name is 253; images may be longer).</summary>
    public const int MaxGlobLength = 512;

    /// <summary>Every workload, container and image.</summary>
    public static ExceptionScope Everything { get; } = new();

    /// <summary>True when the scope narrows to containers (a container or image glob is set).</summary>
    public bool IsContainerScoped => !IsAny(Container) || !IsAny(Image);

    /// <summary>True when the workload is within the namespace, kind and name globs.</summary>
    public bool MatchesWorkload(string ns, string kind, string name) =>
        Glob(Namespace, ns) && Glob(Kind, kind, ignoreCase: true) && Glob(Name, name);

    /// <inheritdoc cref="MatchesWorkload(string, string, string)"/>
    public bool MatchesWorkload(Workload workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return MatchesWorkload(workload.Namespace, workload.Kind, workload.Name);
    }

    /// <summary>True when the container is within the container and image globs (the workload is matched apart).</summary>
    public bool MatchesContainer(string containerName, ResolvedImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Glob(Container, containerName)
            && (IsAny(Image) || ImageGlob.IsMatch(Image, image.Original) || (image.Reference.IsValid && ImageGlob.IsMatch(Image, image.Normalized)));
    }

    /// <summary>
    /// True when one check, described as a finding describes it, is within the scope: a workload-level check
    /// (<paramref name="container"/> null) only when the scope is not narrowed to containers.
    /// </summary>
    public bool Matches(string ns, string kind, string name, string? container, string? image)
    {
        if (!MatchesWorkload(ns, kind, name))
        {
            return false;
        }

        if (container is null)
        {
            return !IsContainerScoped;
        }

        return MatchesContainer(container, ResolvedImage.Resolve(image ?? string.Empty));
    }

    /// <summary>Problems with the globs (too long, blanks or control characters inside); empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Check(Namespace, "namespace", errors);
        Check(Kind, "kind", errors);
        Check(Name, "name", errors);
        Check(Container, "container", errors);
        Check(Image, "image", errors);
        return errors;
    }

    /// <summary>A short text for lists and audit entries, e.g. <c>payments/Deployment/api-* container app</c>.</summary>
    public override string ToString()
    {
        var text = $"{Show(Namespace)}/{Show(Kind)}/{Show(Name)}";
        if (!IsAny(Container))
        {
            text += $" container {Container}";
        }

        if (!IsAny(Image))
        {
            text += $" image {Image}";
        }

        return text;
    }

    /// <summary>Null, empty and "*" all mean any.</summary>
    public static bool IsAny(string? glob) => string.IsNullOrEmpty(glob) || glob == "*";

    private static string Show(string? glob) => IsAny(glob) ? "*" : glob!;

    private static bool Glob(string? pattern, string text, bool ignoreCase = false)
    {
        if (IsAny(pattern))
        {
            return true;
        }

        return ignoreCase
            ? ImageGlob.IsMatch(pattern!.ToLowerInvariant(), text.ToLowerInvariant())
            : ImageGlob.IsMatch(pattern, text);
    }

    private static void Check(string? glob, string what, List<string> errors)
    {
        if (glob is null)
        {
            return;
        }

        if (glob.Length > MaxGlobLength)
        {
            errors.Add($"The {what} pattern is longer than {MaxGlobLength} characters.");
        }
        else if (glob.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            errors.Add($"The {what} pattern '{glob}' must not contain spaces or control characters.");
        }
    }
}
