using System.Text;
using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Core.Compliance;

/// <summary>
/// Renders docs/compliance.md: every framework's controls and the policies that evidence each, from the descriptors
/// (a pure function; the Core tests compare it with the committed file and write it when asked).
/// </summary>
public static class ComplianceDocs
{
    /// <summary>The markdown of docs/compliance.md for <paramref name="descriptors"/>.</summary>
    public static string Render(IReadOnlyList<PolicyDescriptor> descriptors)
    {
        ArgumentNullException.ThrowIfNull(descriptors);
        var md = new StringBuilder();
        md.Append("# Compliance frameworks\n\n")
            .Append("<!-- Generated from the policy descriptors (KubeAdvisor.Core.Compliance.ComplianceDocs); do not edit by hand.\n")
            .Append("     Regenerate: ").Append(PolicyDocs.RegenerateCommand).Append(" -->\n\n")
            .Append("Which policies evidence which control. A control passes when every enabled policy that evidences it has no\n")
            .Append("open finding in the cluster's last scan, and fails when one has. A control that no enabled policy evidences is\n")
            .Append("**not assessed**, never passed: switching a policy off takes its controls out of the share, it does not pass\n")
            .Append("them. Many controls also ask for things a scan of workloads cannot see (admission configuration, RBAC, node\n")
            .Append("settings); those stay not assessed here. Policies: [policies.md](policies.md).\n");
        foreach (var framework in ComplianceFrameworks.All)
        {
            var covered = framework.Controls.Count(c => descriptors.Any(d => d.Controls.Contains(c.Key)));
            md.Append("\n## ").Append(framework.Name).Append("\n\n")
                .Append("Source: <").Append(framework.Source).Append(">. ")
                .Append(covered).Append(" of ").Append(framework.Controls.Count).Append(" controls have a policy.\n\n")
                .Append("| control | requirement | policies |\n|---|---|---|\n");
            foreach (var control in framework.Controls)
            {
                var policies = descriptors.Where(d => d.Controls.Contains(control.Key)).Select(d => $"`{d.Id}`").ToList();
                md.Append("| ").Append(control.Id).Append(" | ").Append(control.Title).Append(" | ")
                    .Append(policies.Count > 0 ? string.Join(", ", policies) : "not assessed (no policy yet)").Append(" |\n");
            }
        }

        return md.ToString();
    }
}
