using System.Text.Json.Nodes;

namespace KubeAdvisor.Web.Features.Notifications;

/// <summary>
/// A Slack incoming-webhook body with Block Kit blocks: a header, the summary, one section per finding (linked to its
/// workload page), "and N more", the health change or the digest's facts, and a link to KubeAdvisor. <c>text</c> is the
/// fallback for notifications. Slack's limits are kept: at most 50 blocks, 150 characters of header, 3000 of section.
/// </summary>
public static class SlackPayload
{
    private const int MaxSection = 3000;

    public static byte[] Render(NotificationMessage m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "header", ["text"] = Plain(Cut(m.Title, 150)) },
            Section(Escape(m.Summary)),
        };
        if (m.Findings is { } list)
        {
            foreach (var f in list.Items.Take(40))
            {
                var workload = f.WorkloadUrl is { } url ? $"<{url}|{Escape(MessageText.Workload(f))}>" : Escape(MessageText.Workload(f));
                blocks.Add(Section($"*{f.Severity}* {workload}\n`{Escape(f.PolicyId)}` · {Escape(MessageText.Extras(f))}"));
            }

            if (list.More > 0 || list.Items.Count > 40)
            {
                blocks.Add(Context(MessageText.More(list.Total - Math.Min(list.Items.Count, 40))));
            }
        }

        if (m.Health is { } h)
        {
            blocks.Add(Fields([("State", MessageText.State(h.State)), ("Before", h.PreviousState is { } p ? MessageText.State(p) : "unknown")]));
            if (h.Detail is { } detail)
            {
                blocks.Add(Section(Escape(detail)));
            }
        }

        if (m.Digest is { } d)
        {
            blocks.Add(Fields(MessageText.DigestFacts(d)));
            if (d.TopRisks.Count > 0)
            {
                blocks.Add(Section("*Top risks*\n" + string.Join("\n", d.TopRisks.Select(r => "• " + Escape(MessageText.Risk(r))))));
            }

            if (d.ExpiringExceptions.Count > 0)
            {
                blocks.Add(Section("*Exceptions expiring within 7 days*\n" + string.Join("\n", d.ExpiringExceptions.Take(20).Select(e => "• " + Escape(MessageText.Expiring(e))))));
            }
        }

        if (m.Url is { } link)
        {
            blocks.Add(Section($"<{link}|Open in KubeAdvisor>"));
        }

        var body = new JsonObject { ["text"] = Cut(m.Title, 300), ["blocks"] = blocks };
        return System.Text.Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    /// <summary>Slack's mrkdwn escaping: &amp;, &lt; and &gt; only.</summary>
    public static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static JsonObject Plain(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    private static JsonObject Markdown(string text) => new() { ["type"] = "mrkdwn", ["text"] = Cut(text, MaxSection) };

    private static JsonObject Section(string mrkdwn) => new() { ["type"] = "section", ["text"] = Markdown(mrkdwn) };

    private static JsonObject Context(string mrkdwn) => new() { ["type"] = "context", ["elements"] = new JsonArray { Markdown(Escape(mrkdwn)) } };

    // A section holds at most 10 fields of at most 2000 characters.
    private static JsonObject Fields(IEnumerable<(string Label, string Value)> facts) => new()
    {
        ["type"] = "section",
        ["fields"] = new JsonArray(facts.Take(10).Select(f => (JsonNode)Markdown(Cut($"*{Escape(f.Label)}*\n{Escape(f.Value)}", 2000))).ToArray()),
    };

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
