using System.Buffers;

namespace KubeAdvisor.Agent;

/// <summary>
/// A write-only stream that keeps its bytes in chunks below the large-object heap's threshold, read back as one
/// <see cref="ReadOnlySequence{T}"/>. The agent's gzip snapshot (~6 MB at 50,000 workloads) went into a
/// <see cref="MemoryStream"/> that doubled its array up to 8 MB and was then copied out: ~22 MB of large objects
/// allocated at the end of a collection, the agent's peak (decision 0040). Here each byte is written once.
/// </summary>
internal sealed class ChunkedBuffer : Stream
{
    // under the 85,000-byte threshold, so a chunk is an ordinary object
    private const int ChunkSize = 64 * 1024;
    private Chunk? _first;
    private Chunk? _last;
    private int _used = ChunkSize;
    private long _length;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    /// <summary>What was written, in order; the chunks are shared, not copied.</summary>
    public ReadOnlySequence<byte> ToSequence() =>
        _first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(_first, 0, _last!, _used);

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (buffer.Length > 0)
        {
            if (_used == ChunkSize)
            {
                Append();
            }

            var n = Math.Min(buffer.Length, ChunkSize - _used);
            buffer[..n].CopyTo(_last!.Bytes.AsSpan(_used));
            _used += n;
            _length += n;
            buffer = buffer[n..];
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private void Append()
    {
        var chunk = new Chunk(new byte[ChunkSize], _length);
        if (_last is null)
        {
            _first = chunk;
        }
        else
        {
            _last.SetNext(chunk);
        }

        _last = chunk;
        _used = 0;
    }

    private sealed class Chunk : ReadOnlySequenceSegment<byte>
    {
        public Chunk(byte[] bytes, long runningIndex)
        {
            Bytes = bytes;
            Memory = bytes;
            RunningIndex = runningIndex;
        }

        public byte[] Bytes { get; }

        public void SetNext(Chunk next) => Next = next;
    }
}
