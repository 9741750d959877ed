namespace KubeAdvisor.Kubernetes.Manifests;

/// <summary>A read settings document, or every reason it was refused (each naming the field).</summary>
/// <param name="Document">The document; null when <paramref name="Errors"/> is not empty.</param>
/// <param name="Errors">What is wrong, one sentence each.</param>
public sealed record PolicySettingsParse(PolicySettingsDocument? Document, IReadOnlyList<string> Errors)
{
    internal static PolicySettingsParse Fail(string error) => new(null, [error]);
}
