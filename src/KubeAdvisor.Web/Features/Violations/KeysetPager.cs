using KubeAdvisor.Web.Features.Findings;

namespace KubeAdvisor.Web.Features.Violations;

/// <summary>
/// The explorer's table pages: the next page is read after the shown page's last row and the previous one before its
/// first row (keyset, the same cost at page 2 and page 2,000); a jump (first, last, another page size, a new filter or
/// order) and page 1 are read by offset (decision 0017). One per table: it remembers the page it showed.
/// </summary>
internal sealed class KeysetPager(FindingsQueries queries)
{
    private Shown? _shown;

    /// <summary>Whether the last page was read by keyset (for tests and logs).</summary>
    public bool LastWasKeyset { get; private set; }

    /// <param name="page">0-based, as the table counts.</param>
    public async Task<FindingsQueries.Page> LoadAsync(FindingsFilter filter, string? sort, bool descending, int page, int pageSize, CancellationToken ct)
    {
        var label = FindingsOrder.Label(sort);
        var same = _shown is { } s && s.Filter == filter && s.Sort == label && s.Descending == descending && s.PageSize == pageSize;
        FindingsQueries.Page result;
        if (same && page > 0 && page == _shown!.Page + 1)
        {
            result = await queries.PageAsync(filter, 0, pageSize, label, descending, ct: ct, after: FindingsCursor.After(_shown.Last, label, descending));
        }
        else if (same && page > 0 && page == _shown!.Page - 1)
        {
            // Before the first row = after it in the reverse order, read backwards and turned round.
            var back = await queries.PageAsync(filter, 0, pageSize, label, !descending, ct: ct, after: FindingsCursor.After(_shown.First, label, !descending));
            result = back with { Rows = [.. back.Rows.Reverse()], Next = null };
        }
        else
        {
            result = await queries.PageAsync(filter, page, pageSize, label, descending, ct: ct);
        }

        LastWasKeyset = same && page > 0 && Math.Abs(page - _shown!.Page) == 1;
        _shown = result.Rows.Count == 0 ? null : new Shown(filter, label, descending, pageSize, page, result.Rows[0], result.Rows[^1]);
        return result;
    }

    private sealed record Shown(FindingsFilter Filter, string Sort, bool Descending, int PageSize, int Page, FindingRow First, FindingRow Last);
}
