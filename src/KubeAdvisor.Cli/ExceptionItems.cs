using System.Text.Json;
using KubeAdvisor.Core.Exceptions;

namespace KubeAdvisor.Cli;

/// <summary>
/// The items of <c>GET /api/v1/clusters/{id}/exceptions/active</c> (the server's ExceptionView, camelCase) as the evaluator's
/// <see cref="ExceptionRule"/>s, built as the server's scan builds them (ExceptionRules): the id, the scope globs and
/// the policies; an exception that has expired by now no longer exempts.
/// </summary>
internal static class ExceptionItems
{
    public static IReadOnlyList<ExceptionRule> Rules(JsonElement root, DateTimeOffset now)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            throw new UsageException("the exceptions list has no items array.");
        }

        var rules = new List<ExceptionRule>();
        foreach (var item in items.EnumerateArray())
        {
            if (Text(item, "status") != "approved"
                || !item.TryGetProperty("expiresAt", out var expires) || !expires.TryGetDateTimeOffset(out var expiresAt) || expiresAt <= now)
            {
                continue;
            }

            var policies = item.TryGetProperty("policies", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()!).ToArray()
                : [];
            var scope = new ExceptionScope(Text(item, "namespace"), Text(item, "kind"), Text(item, "name"), Text(item, "container"), Text(item, "image"));
            rules.Add(new ExceptionRule(Text(item, "id") ?? "", scope, policies));
        }

        return rules;
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
