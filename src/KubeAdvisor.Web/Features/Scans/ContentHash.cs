using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace KubeAdvisor.Web.Features.Scans;

/// <summary>
/// A 128-bit hash of the columns a scan rewrites in a row, so the previous state holds 16 bytes instead of the texts
/// (decision 0041). Stored and fresh values go through the same calls, in the same order; every value is
/// length-prefixed or tagged, so ("ab", "c") and ("a", "bc") differ and null differs from "". Reused per row:
/// <see cref="Finish"/> returns the hash and starts the next one.
/// </summary>
internal sealed class ContentHash
{
    private readonly XxHash128 _hash = new();

    public ContentHash Add(string? value)
    {
        if (value is null)
        {
            return Add(-1);
        }

        Add(value.Length);
        _hash.Append(MemoryMarshal.AsBytes(value.AsSpan()));
        return this;
    }

    public ContentHash Add(int value)
    {
        _hash.Append(MemoryMarshal.AsBytes(new ReadOnlySpan<int>(in value)));
        return this;
    }

    public ContentHash Add(long value)
    {
        _hash.Append(MemoryMarshal.AsBytes(new ReadOnlySpan<long>(in value)));
        return this;
    }

    public ContentHash Add(int? value) => value is { } v ? Add(1).Add(v) : Add(0);

    public ContentHash Add(Guid value)
    {
        _hash.Append(MemoryMarshal.AsBytes(new ReadOnlySpan<Guid>(in value)));
        return this;
    }

    public ContentHash Add(Guid? value) => value is { } v ? Add(1).Add(v) : Add(0);

    public ContentHash Add(DateTimeOffset? value) => value is { } v ? Add(1).Add(v.UtcTicks) : Add(0);

    public UInt128 Finish()
    {
        var result = _hash.GetCurrentHashAsUInt128();
        _hash.Reset();
        return result;
    }
}
