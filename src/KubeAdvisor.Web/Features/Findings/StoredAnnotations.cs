namespace KubeAdvisor.Web.Features.Findings;

/// <summary>
/// How workloads.AnnotationsJson keeps KubeAdvisor's annotations (written by the scan's WorkloadWriter): the object's under their
/// key, the pod template's under "<c>key (pod template)</c>". The one place that spelling lives, for every reader.
/// </summary>
public static class StoredAnnotations
{
    private const string TemplateSuffix = " (pod template)";

    /// <summary>The stored key of a pod-template annotation.</summary>
    public static string TemplateKey(string key) => key + TemplateSuffix;

    /// <summary>Whether a stored key is a pod-template annotation's.</summary>
    public static bool IsTemplateKey(string storedKey) => storedKey.EndsWith(TemplateSuffix, StringComparison.Ordinal);

    /// <summary>The annotation's value on the object, else on its pod template (null when neither has it).</summary>
    public static string? Get(IReadOnlyDictionary<string, string?> stored, string key) =>
        stored.GetValueOrDefault(key) ?? stored.GetValueOrDefault(TemplateKey(key));
}
