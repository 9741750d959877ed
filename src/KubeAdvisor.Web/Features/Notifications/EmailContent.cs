using System.Text;
using static System.Net.WebUtility;

namespace KubeAdvisor.Web.Features.Notifications;

/// <summary>A message as an e-mail: the title as subject, a plain-text part and an HTML part with the same content.</summary>
public sealed record EmailContent(string Subject, string Text, string Html)
{
    public static EmailContent Render(NotificationMessage m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var text = new StringBuilder().AppendLine(m.Summary).AppendLine();
        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">")
            .Append("<h2>").Append(HtmlEncode(m.Title)).Append("</h2><p>").Append(HtmlEncode(m.Summary)).Append("</p>");
        if (m.Findings is { } list)
        {
            html.Append("<ul>");
            foreach (var f in list.Items)
            {
                text.Append("- [").Append(f.Severity).Append("] ").AppendLine(MessageText.Workload(f)).Append("  ").AppendLine(MessageText.Details(f));
                if (f.WorkloadUrl is { } url)
                {
                    text.Append("  ").AppendLine(url);
                }

                var workload = HtmlEncode(MessageText.Workload(f));
                html.Append("<li><strong>").Append(HtmlEncode(f.Severity)).Append("</strong> ")
                    .Append(f.WorkloadUrl is { } link ? $"<a href=\"{HtmlEncode(link)}\">{workload}</a>" : workload)
                    .Append("<br><code>").Append(HtmlEncode(f.PolicyId)).Append("</code> · ").Append(HtmlEncode(MessageText.Extras(f))).Append("</li>");
            }

            html.Append("</ul>");
            if (list.More > 0)
            {
                text.AppendLine(MessageText.More(list.More));
                html.Append("<p>").Append(HtmlEncode(MessageText.More(list.More))).Append("</p>");
            }
        }

        if (m.Health is { } h)
        {
            Facts(text, html, [("State", MessageText.State(h.State)), ("Before", h.PreviousState is { } p ? MessageText.State(p) : "unknown"),
                .. h.Detail is { } d ? new[] { ("Detail", d) } : []]);
        }

        if (m.Digest is { } digest)
        {
            Facts(text, html, MessageText.DigestFacts(digest));
            List(text, html, "Top risks", digest.TopRisks.Select(MessageText.Risk).ToList());
            List(text, html, "Exceptions expiring within 7 days", digest.ExpiringExceptions.Select(MessageText.Expiring).ToList());
        }

        if (m.Url is { } open)
        {
            text.AppendLine().Append("Open in KubeAdvisor: ").AppendLine(open);
            html.Append("<p><a href=\"").Append(HtmlEncode(open)).Append("\">Open in KubeAdvisor</a></p>");
        }

        return new EmailContent(m.Title, text.ToString(), html.Append("</body></html>").ToString());
    }

    private static void Facts(StringBuilder text, StringBuilder html, IEnumerable<(string Label, string Value)> facts)
    {
        html.Append("<table>");
        foreach (var (label, value) in facts)
        {
            text.Append(label).Append(": ").AppendLine(value);
            html.Append("<tr><th align=\"left\">").Append(HtmlEncode(label)).Append("</th><td>").Append(HtmlEncode(value)).Append("</td></tr>");
        }

        html.Append("</table>");
    }

    private static void List(StringBuilder text, StringBuilder html, string heading, IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }

        text.AppendLine().AppendLine(heading);
        html.Append("<h3>").Append(HtmlEncode(heading)).Append("</h3><ul>");
        foreach (var line in lines)
        {
            text.Append("- ").AppendLine(line);
            html.Append("<li>").Append(HtmlEncode(line)).Append("</li>");
        }

        html.Append("</ul>");
    }
}
