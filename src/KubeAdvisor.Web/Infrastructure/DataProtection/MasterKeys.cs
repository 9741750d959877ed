namespace KubeAdvisor.Web.Infrastructure.DataProtection;

/// <summary>
/// The configured master keys: <see cref="Current"/> encrypts, and decrypts together with <see cref="Previous"/>
/// (set only while rotating). Both are null in Development when no key is configured (keys stay unencrypted there).
/// </summary>
public sealed class MasterKeys(MasterKey? current, MasterKey? previous)
{
    public const string Setting = "KUBEADVISOR_DATA_PROTECTION_KEY";
    public const string PreviousSetting = "KUBEADVISOR_DATA_PROTECTION_KEY_PREVIOUS";

    public MasterKey? Current => current;

    public MasterKey? Previous => previous;

    public MasterKey? Find(string id) =>
        current?.Id == id ? current : previous?.Id == id ? previous : null;

    /// <summary>Which keys are configured, by id, for error messages.</summary>
    public string Describe() =>
        $"{Setting} has id {current?.Id ?? "(not set)"}, {PreviousSetting} has id {previous?.Id ?? "(not set)"}";
}
