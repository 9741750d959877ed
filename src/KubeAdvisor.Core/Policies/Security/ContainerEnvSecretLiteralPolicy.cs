namespace KubeAdvisor.Core.Policies.Security;

/// <summary>The <c>container-env-secret-literal</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class ContainerEnvSecretLiteralPolicy : ContainerPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "container-env-secret-literal",
        Title: "Secret-looking literal in env",
        Description: "An env entry has a literal value (not valueFrom) that looks like a secret: by its name, a word such as "
            + "PASSWORD, PASSWD, PWD, SECRET, TOKEN, APIKEY, CREDENTIALS or API_KEY / ACCESS_KEY / PRIVATE_KEY / SECRET_KEY "
            + "(unless the last word is FILE, PATH, URL, NAME, ID, USER, TTL, … — a pointer or setting, not the secret); or by "
            + "its shape, whatever the name: a PEM private key, an AWS access key id, a GitHub/GitLab/Slack/Stripe token, a "
            + "user:password@ URL, a password= connection string. Empty values, $(VAR) references, paths and true/false are "
            + "ignored. The finding never repeats the value. Judged on init, regular and ephemeral containers.",
        Rationale: "A literal env value is stored in plain text in the workload object: anyone who can read Deployments "
            + "(get, list, watch) reads the secret, it lands in Git, CI logs and `kubectl describe` output, and it cannot be "
            + "rotated without a redeploy.",
        Remediation: """
            Keep the value in a Secret and reference it:
              env:
                - name: DB_PASSWORD
                  valueFrom:
                    secretKeyRef:
                      name: db
                      key: password
            then rotate the exposed credential.
            """,
        Category: "Security",
        DefaultSeverity: Severity.High,
        DefaultEnabled: false,
        Pack: "security")
    {
        Controls = ["cis-1.9:5.4.1", "nsa-cisa:secrets"],
        Polaris = ["sensitiveContainerEnvVar"],
        PolarisDifference = "Polaris judges the variable's name only. KubeAdvisor also judges a literal value's shape whatever the name (a private key, a cloud or forge token, a password in a URL), and ignores a secret-sounding name whose value is a reference, a path or a flag (e.g. DB_PASSWORD_FILE=/run/secrets/db), which Polaris reports.",
    };

    public override CheckResult Evaluate(in ContainerContext context)
    {
        var env = context.Container.Env;
        List<string>? found = null;
        for (var i = 0; i < env.Count; i++)
        {
            if (env[i].Value is { } value && SecretLiterals.Reason(env[i].Name, value) is { } reason)
            {
                (found ??= []).Add($"{env[i].Name} ({reason})");
            }
        }

        return found is null
            ? CheckResult.Pass
            : CheckResult.Fail($"container {context.Container.Name} has a literal secret-looking value in env {string.Join(", ", found)}");
    }
}
