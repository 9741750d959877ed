using System.Buffers;
using System.IO.Compression;

namespace KubeAdvisor.Agent.Tests;

public sealed class ChunkedBufferTests
{
    [Theory]
    [InlineData(new[] { 1 })]
    [InlineData(new[] { 65_535, 1, 1 })]
    [InlineData(new[] { 65_536, 65_536 })]
    [InlineData(new[] { 10, 200_000, 65_537, 3 })]
    public async Task ToSequence_WritesOfAnySize_GivesTheBytesInOrder(int[] sizes)
    {
        var random = new Random(7);
        var written = new List<byte>();
        await using var buffer = new ChunkedBuffer();
        for (var i = 0; i < sizes.Length; i++)
        {
            var part = new byte[sizes[i]];
            random.NextBytes(part);
            written.AddRange(part);
            if (i % 2 == 0)
            {
                buffer.Write(part, 0, part.Length);
            }
            else
            {
                await buffer.WriteAsync(part);
            }
        }

        var sequence = buffer.ToSequence();

        Assert.Equal(written.Count, buffer.Length);
        Assert.Equal(written.Count, sequence.Length);
        Assert.Equal(written.ToArray(), sequence.ToArray());
        Assert.All(SegmentsOf(sequence), s => Assert.True(s <= 65_536, $"a chunk of {s} bytes"));
    }

    [Fact]
    public void ToSequence_NothingWritten_IsEmpty()
    {
        using var buffer = new ChunkedBuffer();

        Assert.True(buffer.ToSequence().IsEmpty);
    }

    [Fact]
    public async Task SequenceContent_GzipWrittenIntoChunks_SendsTheSameBytesWithTheirLength()
    {
        var text = string.Concat(Enumerable.Range(0, 40_000).Select(i => $"{{\"n\":{i * 7919 % 100_003}}}"));
        await using var buffer = new ChunkedBuffer();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            await gzip.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text));
        }

        using var content = new SequenceContent(buffer.ToSequence());
        var sent = await content.ReadAsByteArrayAsync();

        Assert.True(buffer.Length > 65_536, $"only {buffer.Length} bytes: the test needs more than one chunk");
        Assert.Equal(buffer.Length, content.Headers.ContentLength);
        await using var unzip = new GZipStream(new MemoryStream(sent), CompressionMode.Decompress);
        Assert.Equal(text, await new StreamReader(unzip).ReadToEndAsync());
    }

    private static List<int> SegmentsOf(ReadOnlySequence<byte> sequence)
    {
        var sizes = new List<int>();
        foreach (var segment in sequence)
        {
            sizes.Add(segment.Length);
        }

        return sizes;
    }
}
