using KubeAdvisor.Data.Entities;

namespace KubeAdvisor.Web.Features.Exceptions;

/// <summary>The statuses as the API and pages name them; "expired" is read from the clock, never stored.</summary>
public static class ExceptionStatuses
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string Revoked = "revoked";
    public const string Expired = "expired";

    public static readonly IReadOnlyList<string> All = [Pending, Approved, Rejected, Revoked, Expired];

    /// <summary>The status at <paramref name="now"/>: an approved or pending exception past its end is expired.</summary>
    public static string Of(ExceptionStatus stored, DateTimeOffset expiresAt, DateTimeOffset now) => stored switch
    {
        ExceptionStatus.Pending or ExceptionStatus.Approved when expiresAt <= now => Expired,
        ExceptionStatus.Pending => Pending,
        ExceptionStatus.Approved => Approved,
        ExceptionStatus.Rejected => Rejected,
        _ => Revoked,
    };
}
