using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Core.Policies.Security;

/// <summary>The <c>configmap-secret-literal</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class ConfigMapSecretLiteralPolicy : ObjectPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "configmap-secret-literal",
        Title: "Secret-looking value in a ConfigMap",
        Description: "A ConfigMap has a data or binaryData entry whose value looks like a secret, by the detector of "
            + "container-env-secret-literal: by its key (PASSWORD, TOKEN, API_KEY, …, unless the last word makes it a pointer "
            + "or a setting, such as _FILE or _URL) or by its shape whatever the key (a PEM private key, also with fewer than "
            + "five dashes, a cloud or forge token, a user:password@ URL, a password= line of a properties file). Values are "
            + "judged while the ConfigMap is read and never stored, sent or shown: the finding names the key and the reason. "
            + "One check per ConfigMap; the subject of the finding is the ConfigMap. Listing ConfigMaps is opt-in "
            + "(deploy/scanner-rbac-configmaps.yaml); without that permission the policy is not evaluated.",
        Rationale: "ConfigMaps are not meant for secrets: they are readable by far more people and tools than Secrets (view "
            + "roles, dashboards, CI diffs, `kubectl describe`), encryption at rest is usually configured for Secrets "
            + "only, and they end up in Git.",
        Remediation: """
            Move the value into a Secret (or an external secret store) and reference it from the pod:
              apiVersion: v1
              kind: Secret
              metadata:
                name: db
              type: Opaque
              stringData:
                password: <the value>
            then remove the key from the ConfigMap and rotate the exposed credential.
            """,
        Category: "Security",
        DefaultSeverity: Severity.High,
        DefaultEnabled: false,
        Pack: "security")
    {
        EnabledWithPack = false,
        RequiredKinds = ["configmaps"],
        Controls = ["cis-1.9:5.4.1", "nsa-cisa:secrets"],
        Polaris = ["sensitiveConfigmapContent"],
        PolarisDifference = "Polaris judges the keys' names only. KubeAdvisor also judges each value's shape whatever the key "
            + "(a private key under id_rsa, a password= line in application.properties), with the env-literal detector.",
    };

    public override CheckResult Evaluate(in ObjectContext context)
    {
        if (context.Object is not ConfigMap configMap)
        {
            return CheckResult.NotApplicable;
        }

        var keys = configMap.SecretLookingKeys;
        if (keys.Count == 0)
        {
            return CheckResult.Pass;
        }

        var named = string.Join(", ", keys.Select(k => $"{k.Key} ({SecretLiterals.Describe(k.Reason)})"));
        var more = configMap.MoreSecretLookingKeys > 0 ? $" and {configMap.MoreSecretLookingKeys} more" : "";
        return CheckResult.Fail($"ConfigMap {configMap.Namespace}/{configMap.Name} holds secret-looking values under {named}{more}");
    }
}
