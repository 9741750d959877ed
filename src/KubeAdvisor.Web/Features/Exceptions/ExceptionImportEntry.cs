namespace KubeAdvisor.Web.Features.Exceptions;

/// <summary>One entry's outcome: created (with the new id), unchanged (the id of the identical approved exception), or invalid.</summary>
/// <param name="Index">Its position in the file's <c>exceptions</c>, from 0.</param>
/// <param name="Line">The line it starts on, from 1.</param>
public sealed record ExceptionImportEntry(int Index, int Line, string Status, Guid? Id, IReadOnlyList<string> Errors)
{
    public const string Created = "created";
    public const string Unchanged = "unchanged";
    public const string Refused = "invalid";
}
