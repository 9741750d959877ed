namespace KubeAdvisor.Web.Features.Exceptions;

/// <summary>
/// Outcome of an exception action: its id and status on success, else every reason it was refused (nothing changed).
/// <see cref="Conflict"/> marks a refusal caused by the exception's state (no longer pending, already ended) or by a
/// concurrent change, as opposed to bad input.
/// </summary>
public sealed record ExceptionCommandResult(
    Guid? Id, string? Status, IReadOnlyList<string> Errors, bool NotFound = false, bool Forbidden = false, bool Conflict = false)
{
    public bool Succeeded => Errors.Count == 0 && !NotFound && !Forbidden && !Conflict;

    public static ExceptionCommandResult Ok(Guid id, string status) => new(id, status, []);

    public static ExceptionCommandResult Fail(params string[] errors) => new(null, null, errors);

    public static ExceptionCommandResult Missing() => new(null, null, ["No such exception."], NotFound: true);

    public static ExceptionCommandResult Refused(string error) => new(null, null, [error], Forbidden: true);

    public static ExceptionCommandResult Conflicting(string error) => new(null, null, [error], Conflict: true);
}
