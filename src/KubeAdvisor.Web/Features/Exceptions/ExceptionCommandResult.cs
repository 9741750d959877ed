namespace KubeAdvisor.Web.Features.Exceptions;

/// <summary>Outcome of an exception action: its id and status on success, else every reason it was refused (nothing changed).</summary>
public sealed record ExceptionCommandResult(Guid? Id, string? Status, IReadOnlyList<string> Errors, bool NotFound = false, bool Forbidden = false)
{
    public bool Succeeded => Errors.Count == 0 && !NotFound && !Forbidden;

    public static ExceptionCommandResult Ok(Guid id, string status) => new(id, status, []);

    public static ExceptionCommandResult Fail(params string[] errors) => new(null, null, errors);

    public static ExceptionCommandResult Missing() => new(null, null, ["No such exception."], NotFound: true);

    public static ExceptionCommandResult Refused(string error) => new(null, null, [error], Forbidden: true);
}
