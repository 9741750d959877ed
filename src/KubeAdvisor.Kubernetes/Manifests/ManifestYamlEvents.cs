using System.Text;

namespace KubeAdvisor.Kubernetes.Manifests;

/// <summary>
/// Feeds YAML events to a <see cref="ManifestWalker"/>: a scalar is a key where the walker expects one, otherwise a
/// value typed by the YAML 1.2 core schema (null, true/false, numbers) when it is typed, text when it is not.
/// </summary>
internal sealed class ManifestYamlEvents(ManifestWalker walker) : IYamlEvents
{
    public void DocumentStart(int line) => walker.StartDocument(line);

    public void DocumentEnd() => walker.EndDocument();

    public void MappingStart(int line) => walker.StartMapping(line);

    public void MappingEnd() => walker.EndMapping();

    public void SequenceStart(int line) => walker.StartSequence(line);

    public void SequenceEnd() => walker.EndSequence();

    public void Scalar(string value, bool typed, int line)
    {
        if (walker.ExpectsKey)
        {
            walker.Key(value, line);
        }
        else if (!typed)
        {
            walker.String(value, line);
        }
        else if (value is "" or "~" or "null" or "Null" or "NULL")
        {
            walker.Null(line);
        }
        else if (value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            walker.Bool(value[0] is 't' or 'T', line);
        }
        else if (YamlNumber.IsJsonNumber(value))
        {
            walker.Number(Encoding.UTF8.GetBytes(value), line);
        }
        else if (YamlNumber.TryParse(value, out var number))
        {
            walker.Number(number, line);
        }
        else
        {
            walker.String(value, line);
        }
    }
}
