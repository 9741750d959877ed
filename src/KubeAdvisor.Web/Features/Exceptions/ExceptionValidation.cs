using KubeAdvisor.Core.Exceptions;
using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Web.Features.Exceptions;

/// <summary>
/// The rules every new exception passes, from the form, the API or an import: known policies, a reason, an http(s)
/// ticket link, usable globs, and an end date in the future within the configured maximum.
/// </summary>
public static class ExceptionValidation
{
    public const int DefaultDays = 30;
    public const int MaxReasonLength = 2000;
    public const int MaxTicketUrlLength = 2000;
    public const int MaxCommentLength = 2000;
    public const int MaxPolicies = 100;

    /// <summary>The end date a request gets, or the reasons it cannot be accepted.</summary>
    public static (DateTimeOffset ExpiresAt, IReadOnlyList<string> Errors) Check(ExceptionRequest request, DateTimeOffset now, int maxDays)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<string>();
        var policies = request.Policies ?? [];
        if (policies.Count == 0)
        {
            errors.Add("Name at least one policy (policies).");
        }
        else if (policies.Count > MaxPolicies)
        {
            errors.Add($"At most {MaxPolicies} policies per exception.");
        }
        else
        {
            errors.AddRange(policies.Where(p => PolicyCatalog.Find(p ?? "") is null).Select(p => $"Unknown policy id '{p}'."));
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            errors.Add("A reason is required.");
        }
        else if (request.Reason.Length > MaxReasonLength)
        {
            errors.Add($"The reason is longer than {MaxReasonLength} characters.");
        }

        if (!string.IsNullOrWhiteSpace(request.TicketUrl)
            && (request.TicketUrl.Length > MaxTicketUrlLength
                || !Uri.TryCreate(request.TicketUrl.Trim(), UriKind.Absolute, out var ticket)
                || (ticket.Scheme != Uri.UriSchemeHttps && ticket.Scheme != Uri.UriSchemeHttp)))
        {
            errors.Add("The ticket URL must be an absolute http(s) link.");
        }

        errors.AddRange(ScopeOf(request).Validate());

        var latest = now.AddDays(maxDays);
        var expiresAt = StoredForm(request.ExpiresAt ?? now.AddDays(Math.Min(DefaultDays, maxDays)));
        if (expiresAt <= now)
        {
            errors.Add("The end date (expiresAt) must be in the future.");
        }
        else if (expiresAt > latest)
        {
            errors.Add($"The end date (expiresAt) may be at most {maxDays} days away ({latest:yyyy-MM-dd}).");
        }

        return (expiresAt, errors);
    }

    /// <summary>
    /// A moment as PostgreSQL keeps it: UTC (Npgsql writes no other offset to timestamptz) and whole microseconds, so an
    /// end date read back, exported and imported again compares equal to the one that was sent.
    /// </summary>
    public static DateTimeOffset StoredForm(DateTimeOffset moment)
    {
        var utc = moment.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % 10));
    }

    /// <summary>The scope the request describes (blank parts mean any).</summary>
    public static ExceptionScope ScopeOf(ExceptionRequest request) =>
        new(Clean(request.Namespace), Clean(request.Kind), Clean(request.Name), Clean(request.Container), Clean(request.Image));

    /// <summary>Blank and "*" are stored as null (any).</summary>
    public static string? Clean(string? glob)
    {
        var trimmed = glob?.Trim();
        return ExceptionScope.IsAny(trimmed) ? null : trimmed;
    }

    /// <summary>A comment (optional unless the caller requires it), bounded.</summary>
    public static string? CommentError(string? comment, bool required) =>
        required && string.IsNullOrWhiteSpace(comment) ? "A comment is required."
        : comment?.Length > MaxCommentLength ? $"The comment is longer than {MaxCommentLength} characters."
        : null;
}
