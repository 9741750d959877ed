namespace KubeAdvisor.Web.Features.Exceptions;

/// <summary>A button pressed on the Exceptions page: which exception, what to do, and the comment typed for it.</summary>
public sealed record ExceptionAction(Guid Id, string Verb, string? Comment)
{
    public const string Approve = "approve";
    public const string Reject = "reject";
    public const string Revoke = "revoke";
}
