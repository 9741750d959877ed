using KubeAdvisor.Agent.Admission;

namespace KubeAdvisor.Agent.Tests.Admission;

/// <summary>The pooled buffer the webhook reads bodies into and writes answers with: growth keeps what was written.</summary>
public sealed class PooledBufferTests
{
    [Fact]
    public void GetMemory_PastTheCapacity_GrowsAndKeepsWhatWasWritten()
    {
        using var buffer = new PooledBuffer(256);
        var expected = new byte[10_000];
        Random.Shared.NextBytes(expected);
        var written = 0;
        while (written < expected.Length)
        {
            var memory = buffer.GetMemory();
            Assert.True(memory.Length >= 1);
            var n = Math.Min(memory.Length, Math.Min(700, expected.Length - written));
            expected.AsSpan(written, n).CopyTo(memory.Span);
            buffer.Advance(n);
            written += n;
        }

        Assert.Equal(expected.Length, buffer.WrittenCount);
        Assert.True(buffer.WrittenMemory.Span.SequenceEqual(expected));
        Assert.True(buffer.GetSpan(50_000).Length >= 50_000);
        Assert.True(buffer.WrittenMemory.Span.SequenceEqual(expected));
    }

    [Fact]
    public void Advance_MoreThanTheFreeSpace_Throws_AndAfterDisposeNothingIsUsable()
    {
        var buffer = new PooledBuffer(256);
        var free = buffer.GetMemory().Length;
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Advance(free + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Advance(-1));
        buffer.Advance(free);
        Assert.Equal(free, buffer.WrittenCount);

        buffer.Dispose();
        buffer.Dispose(); // twice is harmless: the array went back to the pool once
        Assert.Equal(0, buffer.WrittenCount);
        Assert.Throws<ObjectDisposedException>(() => buffer.GetMemory());
    }
}
