using System.Text;
using KubeAdvisor.Core.Evaluation;

namespace KubeAdvisor.Kubernetes.Admission;

/// <summary>
/// The words of the webhook's answers. Warnings are kept to 120 characters each and to <see cref="MaxWarnings"/> in all
/// (the API server advises 120 and may truncate or drop longer or many warnings); the refusal message names each failed
/// policy with what failed and its fix, shortened, and stays under <see cref="MaxMessage"/> characters.
/// </summary>
public static class AdmissionText
{
    public const int MaxWarningLength = 120;
    public const int MaxWarnings = 10;
    public const int MaxMessage = 3000;
    public const int MaxFixLength = 240;

    /// <summary>One warning: <c>KubeAdvisor image-tag-latest (high), container api: …</c>.</summary>
    public static string Warning(Finding f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Cut(Clean($"KubeAdvisor {f.PolicyId} ({Severity(f)}){Where(f)}: {f.Message}"), MaxWarningLength);
    }

    /// <summary>The warning that stands for the findings beyond <see cref="MaxWarnings"/>.</summary>
    public static string More(int count) => $"KubeAdvisor: {count} more finding(s) not listed";

    /// <summary>The refusal: what was refused, then per failed check the policy, what failed and the fix.</summary>
    public static string Refusal(string kind, string ns, string name, Core.Policies.Severity min, IReadOnlyList<Finding> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        var text = new StringBuilder();
        text.Append($"KubeAdvisor refused {kind} {ns}/{(name.Length > 0 ? name : "(generated name)")}: {failures.Count} failed check(s) at {min.ToString().ToLowerInvariant()} severity or above.");
        foreach (var f in failures)
        {
            var line = $" [{f.PolicyId} ({Severity(f)}){Where(f)}] {Clean(f.Message)}. Fix: {Cut(Clean(f.Remediation), MaxFixLength)}";
            if (text.Length + line.Length > MaxMessage - 40)
            {
                text.Append(" (more failed checks not listed)");
                break;
            }

            text.Append(line);
        }

        return text.ToString();
    }

    /// <summary>Whitespace runs (line breaks of the remediation's YAML included) as one space, control characters dropped.</summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>At most <paramref name="max"/> characters, cut at a word boundary where one is near, with an ellipsis.</summary>
    public static string Cut(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', max - 1);
        return (cut > max / 2 ? text[..cut] : text[..(max - 1)]).TrimEnd('.', ',', ':', ' ') + "…";
    }

    private static string Severity(Finding f) => f.Severity.ToString().ToLowerInvariant();

    private static string Where(Finding f) => f.ContainerName is null ? "" : $", container {f.ContainerName}";
}
