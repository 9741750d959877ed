using System.Text.Json.Nodes;

namespace KubeAdvisor.Web.Features.Notifications;

/// <summary>
/// A Microsoft Teams workflow-webhook body: an Adaptive Card (version 1.4) in the <c>attachments</c> envelope of a
/// <c>message</c>, as the "Post to a channel when a webhook request is received" workflow expects. Title, summary, one
/// block per finding (linked to its workload page), "and N more", facts for health changes and digests, and an
/// "Open in KubeAdvisor" action.
/// </summary>
public static class TeamsCard
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    public static byte[] Render(NotificationMessage m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var body = new JsonArray
        {
            Text(m.Title, size: "Medium", bold: true),
            Text(m.Summary),
        };
        if (m.Findings is { } list)
        {
            foreach (var f in list.Items)
            {
                var workload = f.WorkloadUrl is { } url ? $"[{MessageText.Workload(f)}]({url})" : MessageText.Workload(f);
                body.Add(new JsonObject
                {
                    ["type"] = "Container",
                    ["separator"] = true,
                    ["items"] = new JsonArray { Text($"**{f.Severity}** {workload}"), Text(MessageText.Details(f), subtle: true) },
                });
            }

            if (list.More > 0)
            {
                body.Add(Text(MessageText.More(list.More), subtle: true));
            }
        }

        if (m.Health is { } h)
        {
            body.Add(Facts([("State", MessageText.State(h.State)), ("Before", h.PreviousState is { } p ? MessageText.State(p) : "unknown"),
                .. h.Detail is { } d ? new[] { ("Detail", d) } : []]));
        }

        if (m.Digest is { } digest)
        {
            body.Add(Facts(MessageText.DigestFacts(digest)));
            if (digest.TopRisks.Count > 0)
            {
                body.Add(Text("**Top risks**"));
                body.Add(Text(string.Join("\n\n", digest.TopRisks.Select(r => "- " + MessageText.Risk(r)))));
            }

            if (digest.ExpiringExceptions.Count > 0)
            {
                body.Add(Text("**Exceptions expiring within 7 days**"));
                body.Add(Text(string.Join("\n\n", digest.ExpiringExceptions.Take(20).Select(e => "- " + MessageText.Expiring(e)))));
            }
        }

        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = body,
        };
        if (m.Url is { } link)
        {
            card["actions"] = new JsonArray { new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Open in KubeAdvisor", ["url"] = link } };
        }

        var envelope = new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray { new JsonObject { ["contentType"] = ContentType, ["contentUrl"] = null, ["content"] = card } },
        };
        return System.Text.Encoding.UTF8.GetBytes(envelope.ToJsonString());
    }

    private static JsonObject Text(string text, string? size = null, bool bold = false, bool subtle = false)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (size is not null)
        {
            block["size"] = size;
        }

        if (bold)
        {
            block["weight"] = "Bolder";
        }

        if (subtle)
        {
            block["isSubtle"] = true;
        }

        return block;
    }

    private static JsonObject Facts(IEnumerable<(string Label, string Value)> facts) => new()
    {
        ["type"] = "FactSet",
        ["facts"] = new JsonArray(facts.Select(f => (JsonNode)new JsonObject { ["title"] = f.Label, ["value"] = f.Value }).ToArray()),
    };
}
