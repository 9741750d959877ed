namespace KubeAdvisor.Kubernetes.Yaml;

/// <summary>Bounds a YAML text must stay within before anything deserialises it (see <see cref="BoundedYaml"/>).</summary>
/// <param name="MaxBytes">Largest accepted size in UTF-8 bytes.</param>
/// <param name="MaxDepth">Deepest accepted nesting of mappings and sequences (the root mapping is level 1).</param>
/// <param name="MaxNodes">Most accepted nodes (scalars, mappings and sequences) over the whole text.</param>
/// <param name="MaxDocuments">Most accepted YAML documents (<c>---</c>) in the text.</param>
public sealed record YamlLimits(int MaxBytes, int MaxDepth, int MaxNodes, int MaxDocuments = 1);
