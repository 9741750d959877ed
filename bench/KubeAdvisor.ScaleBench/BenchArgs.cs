using System.Globalization;

namespace KubeAdvisor.ScaleBench;

/// <summary>The verb's <c>--name value</c> options.</summary>
internal sealed class BenchArgs(IReadOnlyDictionary<string, string> values)
{
    public static BenchArgs Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length - 1; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        return new BenchArgs(values);
    }

    public string Required(string name) =>
        values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required.");

    public string? Optional(string name) => values.GetValueOrDefault(name);

    public int Int(string name, int fallback) =>
        values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
