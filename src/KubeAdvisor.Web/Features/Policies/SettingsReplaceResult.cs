namespace KubeAdvisor.Web.Features.Policies;

/// <summary>What a whole-settings replace did (<see cref="PolicySettingsEditor.ReplaceAsync"/>).</summary>
/// <param name="Status">Saved, unchanged, or why not.</param>
/// <param name="ETag">The settings' tag after the call (null when the cluster does not exist).</param>
/// <param name="Errors">Validation problems or the refusal, in words.</param>
/// <param name="Changes">The audited diff, one line per field (<see cref="Core.Policies.PolicySettingsDiff"/>).</param>
public sealed record SettingsReplaceResult(SettingsReplaceStatus Status, string? ETag, IReadOnlyList<string> Errors, IReadOnlyList<string> Changes);

/// <summary>The outcome of <see cref="PolicySettingsEditor.ReplaceAsync"/>.</summary>
public enum SettingsReplaceStatus
{
    Saved,
    Unchanged,
    NotFound,
    Forbidden,
    PreconditionFailed,
    Invalid,
}
