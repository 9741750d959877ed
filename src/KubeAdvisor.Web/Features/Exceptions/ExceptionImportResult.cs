namespace KubeAdvisor.Web.Features.Exceptions;

/// <summary>
/// What an import did: everything (<see cref="Applied"/>) or nothing. When nothing, <see cref="Error"/> says why and
/// the entries with errors carry them; when applied, each entry says whether it was created or already there.
/// </summary>
public sealed record ExceptionImportResult(bool Applied, string? Error, IReadOnlyList<ExceptionImportEntry> Entries)
{
    public int Created => Entries.Count(e => e.Status == ExceptionImportEntry.Created);

    public int Unchanged => Entries.Count(e => e.Status == ExceptionImportEntry.Unchanged);

    /// <summary>The entries that kept the import from applying.</summary>
    public IReadOnlyList<ExceptionImportEntry> Invalid => Entries.Where(e => e.Status == ExceptionImportEntry.Refused).ToList();

    public static ExceptionImportResult Refuse(string error, IReadOnlyList<ExceptionImportEntry>? entries = null) => new(false, error, entries ?? []);
}
