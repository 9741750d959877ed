using System.Globalization;
using System.Text;

namespace KubeAdvisor.Core.Policies;

/// <summary>
/// Renders docs/policies.md from the descriptors (a pure function: the Core tests compare it with the committed
/// file and write it when asked). The general rules live in the hand-written docs/policy-semantics.md.
/// </summary>
public static class PolicyDocs
{
    /// <summary>The command that regenerates docs/policies.md.</summary>
    public const string RegenerateCommand = "KUBEADVISOR_WRITE_DOCS=1 ./test.sh tests/KubeAdvisor.Core.Tests --filter PolicyDocs";

    /// <summary>Where the generated reference lives in the repository.</summary>
    public const string DocsPath = "docs/policies.md";

    /// <summary>
    /// The fragment of the policy's section in <see cref="DocsPath"/> as GitHub and GitLab render it (the heading
    /// lower-cased, punctuation dropped, spaces as hyphens), e.g. <c>image-tag-latest-image-uses-the-latest-tag</c>.
    /// </summary>
    public static string Anchor(PolicyDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var slug = new StringBuilder();
        foreach (var c in $"{descriptor.Id}: {descriptor.Title}".ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                slug.Append(c);
            }
            else if (c == ' ')
            {
                slug.Append('-');
            }
        }

        return slug.ToString();
    }

    /// <summary>The markdown of docs/policies.md for <paramref name="descriptors"/> (in listing order).</summary>
    public static string Render(IReadOnlyList<PolicyDescriptor> descriptors)
    {
        ArgumentNullException.ThrowIfNull(descriptors);
        var md = new StringBuilder();
        md.Append("# Policies\n\n")
            .Append("<!-- Generated from the policy descriptors (KubeAdvisor.Core.Policies.PolicyDocs); do not edit by hand.\n")
            .Append("     Regenerate: ").Append(RegenerateCommand).Append(" -->\n\n")
            .Append("Every policy KubeAdvisor evaluates, generated from the descriptor in each policy's class. Ids are stable (they are\n")
            .Append("stored in the database) and never renamed. How checks are counted and exempted, how packs switch policies on,\n")
            .Append("how image references are parsed and the Kubernetes rules the best-practice packs share:\n")
            .Append("[policy-semantics.md](policy-semantics.md). Adding a policy: [contributing.md](contributing.md).\n\n")
            .Append("| id | title | pack | default severity | default | enabled with its pack |\n")
            .Append("|---|---|---|---|---|---|\n");
        foreach (var d in descriptors)
        {
            md.Append("| `").Append(d.Id).Append("` | ").Append(d.Title).Append(" | ").Append(d.Pack).Append(" | ")
                .Append(Lower(d.DefaultSeverity)).Append(" | ").Append(d.DefaultEnabled ? "on" : "off").Append(" | ")
                .Append(d.EnabledWithPack ? "yes" : "**no**").Append(" |\n");
        }

        foreach (var pack in descriptors.GroupBy(d => d.Pack))
        {
            md.Append("\n## ").Append(CultureInfo.InvariantCulture.TextInfo.ToTitleCase(pack.Key)).Append(" pack\n");
            foreach (var d in pack)
            {
                Section(md, d);
            }
        }

        PolarisCoverage(md, descriptors);
        return md.ToString();
    }

    // "Does it cover what Polaris covers?": every Polaris check, with its equivalents or why there is none yet.
    private static void PolarisCoverage(StringBuilder md, IReadOnlyList<PolicyDescriptor> descriptors)
    {
        var covered = PolarisChecks.All.Count(c => descriptors.Any(d => d.Polaris.Contains(c.Id)));
        md.Append("\n## Polaris coverage\n\n")
            .Append("Each check of Polaris (its default configuration, plus `oneController` and `resourceRange`) and the KubeAdvisor\n")
            .Append("policies that judge the same thing: ").Append(covered).Append(" of ").Append(PolarisChecks.All.Count)
            .Append(" have an equivalent. Where a policy judges differently on purpose, its section\nabove says how and why.\n\n")
            .Append("| Polaris check | KubeAdvisor |\n|---|---|\n");
        foreach (var (id, notYet) in PolarisChecks.All.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            var equivalents = descriptors.Where(d => d.Polaris.Contains(id)).Select(d => $"`{d.Id}`").ToList();
            md.Append("| `").Append(id).Append("` | ")
                .Append(equivalents.Count > 0 ? string.Join(", ", equivalents) : "none, " + notYet).Append(" |\n");
        }
    }

    private static void Section(StringBuilder md, PolicyDescriptor d)
    {
        md.Append("\n### `").Append(d.Id).Append("`: ").Append(d.Title).Append('\n')
            .Append("- **Checks:** ").Append(Text(d.Description)).Append('\n');
        foreach (var p in d.Parameters)
        {
            var defaults = p.Get(ClusterPolicySettings.Default);
            md.Append("- **Parameter:** `").Append(p.Name).Append("` (").Append(p.Label).Append("): ").Append(Text(p.Help))
                .Append(defaults.Count == 0 ? " Empty by default." : $" Default: `{string.Join(", ", defaults)}`.").Append('\n');
        }

        if (d.RequiredKinds.Count > 0)
        {
            md.Append("- **Needs:** ").Append(string.Join(", ", d.RequiredKinds.Select(k => $"`{k}`")))
                .Append(" listed besides pods; a scan that could not list them does not evaluate this policy.\n");
        }

                md.Append("- **Why:** ").Append(Text(d.Rationale)).Append('\n');
        if (d.ExampleFailure is { } example)
        {
            md.Append("- **Example failure:** `").Append(example).Append("`\n");
        }

        if (d.Remediation.Contains('\n', StringComparison.Ordinal))
        {
            Block(md, "- **Fix:**", "text", d.Remediation);
        }
        else
        {
            md.Append("- **Fix:** ").Append(Text(d.Remediation)).Append('\n');
        }

        if (d.FixTemplate is { } template)
        {
            Block(md, "- **Fix snippet** (placed in the failing object, `{…}` filled in from the finding):", "yaml", template);
        }

        if (d.Polaris.Count > 0)
        {
            md.Append("- **Polaris:** ").Append(string.Join(", ", d.Polaris.Select(id => $"`{id}`"))).Append('\n');
        }

        if (d.PolarisDifference is { } difference)
        {
            md.Append("- **Unlike Polaris:** ").Append(Text(difference)).Append('\n');
        }

        if (d.FixedByDigestPin)
        {
            md.Append("- **Digest pin:** pinning the image by digest fixes it; a finding offers the pin to the digest that ran.\n");
        }
    }

    private static void Block(StringBuilder md, string label, string language, string text)
    {
        md.Append(label).Append("\n\n  ```").Append(language).Append('\n');
        foreach (var line in text.TrimEnd().Split('\n'))
        {
            md.Append(line.Length == 0 ? "" : "  ").Append(line.TrimEnd('\r')).Append('\n');
        }

        md.Append("  ```\n");
    }

    // Descriptor texts are plain prose: keep '*' and '<' literal in markdown.
    private static string Text(string text) => text.Replace("*", "\\*", StringComparison.Ordinal).Replace("<", "\\<", StringComparison.Ordinal);

    private static string Lower(Severity severity) => severity.ToString().ToLowerInvariant();
}
