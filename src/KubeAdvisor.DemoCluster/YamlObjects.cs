using System.Text;
using k8s;

namespace KubeAdvisor.DemoCluster;

/// <summary>Multi-document YAML → the typed objects the fake server serves; other kinds are skipped.</summary>
public static class YamlObjects
{
    /// <summary>Parses every document whose kind the fake server serves.</summary>
    /// <exception cref="FormatException">A document is not valid YAML.</exception>
    public static IReadOnlyList<IKubernetesObject> Parse(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var result = new List<IKubernetesObject>();
        foreach (var doc in Split(yaml))
        {
            try
            {
                var head = KubernetesYaml.Deserialize<KubernetesObject>(doc);
                var kind = ResourceKind.All.FirstOrDefault(r => r.ApiVersion == head?.ApiVersion && r.Kind == head?.Kind);
                if (kind is not null)
                {
                    var generic = typeof(KubernetesYaml).GetMethod(nameof(KubernetesYaml.Deserialize), [typeof(string), typeof(bool)])!;
                    result.Add((IKubernetesObject)generic.MakeGenericMethod(kind.Type).Invoke(null, [doc, false])!);
                }
            }
            catch (Exception e) when (e is YamlDotNet.Core.YamlException or System.Reflection.TargetInvocationException)
            {
                throw new FormatException($"Malformed manifest: {(e.InnerException ?? e).Message}", e);
            }
        }

        return result;
    }

    private static IEnumerable<string> Split(string yaml)
    {
        var current = new StringBuilder();
        foreach (var line in yaml.Split('\n'))
        {
            if (line.StartsWith("---", StringComparison.Ordinal) && (line.Length == 3 || char.IsWhiteSpace(line[3])))
            {
                yield return current.ToString();
                current.Clear();
                continue;
            }

            current.Append(line).Append('\n');
        }

        yield return current.ToString();
    }
}
