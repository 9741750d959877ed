namespace KubeAdvisor.Kubernetes.Manifests;

/// <summary>
/// The YAML events a manifest is read from, with the 1-based line each node starts on: what both YAML paths
/// (<see cref="YamlEventParser"/>, YamlDotNet's parser, and <see cref="FastYaml"/>, its fast path for the common block
/// style) emit, so a test can compare them event by event.
/// </summary>
internal interface IYamlEvents
{
    void DocumentStart(int line);

    void DocumentEnd();

    void MappingStart(int line);

    void MappingEnd();

    void SequenceStart(int line);

    void SequenceEnd();

    /// <param name="value">The scalar's text.</param>
    /// <param name="typed">
    /// True when the YAML 1.2 core schema types it (plain, or tagged with anything but <c>!!str</c>); false for text
    /// (quoted, or <c>!!str</c>).
    /// </param>
    /// <param name="line">Where it starts.</param>
    void Scalar(string value, bool typed, int line);
}
