using BenchmarkDotNet.Attributes;
using KubeAdvisor.Core.Images;

namespace KubeAdvisor.Benchmarks.PolicyEngine;

/// <summary>Parsing throughput of <see cref="ImageReference"/> over 1,000 varied references per operation.</summary>
[MemoryDiagnoser]
public class ImageParsingBenchmarks
{
    private const int Count = 1_000;
    private string[] _references = [];

    [GlobalSetup]
    public void Setup() => _references = SyntheticInventory.References(Count);

    [Benchmark(OperationsPerInvoke = Count)]
    public int Parse()
    {
        var valid = 0;
        foreach (var reference in _references)
        {
            if (ImageReference.Parse(reference).IsValid)
            {
                valid++;
            }
        }

        return valid;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public int ParseAndNormalize()
    {
        var length = 0;
        foreach (var reference in _references)
        {
            length += ImageReference.Parse(reference).Normalized.Length;
        }

        return length;
    }
}
