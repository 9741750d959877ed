using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Core.Policies.Security;
using static KubeAdvisor.Core.Tests.Policies.TestSnapshots;

namespace KubeAdvisor.Core.Tests.Policies.BestPractice;

public sealed class SecretLiteralsTests
{
    [Theory]
    [InlineData("DB_PASSWORD", "hunter2", true)]
    [InlineData("db.password", "hunter2", true)]
    [InlineData("GITHUB_TOKEN", "abc", true)]
    [InlineData("STRIPE_API_KEY", "xyz", true)]
    [InlineData("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", true)]
    [InlineData("OAUTH_CLIENT_SECRET", "s", true)]
    [InlineData("REDIS_PWD", "p", true)]
    [InlineData("TLS_KEY", "-----BEGIN RSA PRIVATE KEY-----\nMIIE", true)]
    [InlineData("SSH", "---BEGIN OPENSSH PRIVATE KEY---\nb3Bl", true)]
    [InlineData("SSH", "b3Bl\n--END EC PRIVATE KEY--", true)]
    [InlineData("NOTE", "see the PRIVATE KEY-rotation runbook", false)]
    [InlineData("SETTINGS", "AKIAIOSFODNN7EXAMPLE", true)]
    [InlineData("CI", "ghp_0123456789abcdefghijABCDEFGHIJ", true)]
    [InlineData("DATABASE_URL", "postgres://app:s3cret@db:5432/app", true)]
    [InlineData("CONN", "Server=db;User Id=sa;Password=Passw0rd!", true)]
    [InlineData("DB_PASSWORD_FILE", "/run/secrets/db", false)]
    [InlineData("DB_PASSWORD", "/run/secrets/db", false)]
    [InlineData("TOKEN_URL", "https://auth/token", false)]
    [InlineData("SECRET_NAME", "db-credentials", false)]
    [InlineData("AWS_ACCESS_KEY_ID", "", false)]
    [InlineData("API_TOKEN", "$(TOKEN_FROM_SECRET)", false)]
    [InlineData("SECRET_ROTATION_ENABLED", "true", false)]
    [InlineData("PWD", "/app", false)]
    [InlineData("KEYCLOAK_REALM", "master", false)]
    [InlineData("MONKEY", "banana", false)]
    [InlineData("SERVICE_URL", "https://api.internal:8443/v1", false)]
    [InlineData("REDIS_URL", "redis://redis:6379/0", false)]
    public void Reason_NameAndValue_DetectsSecretLiterals(string name, string value, bool expected)
    {
        Assert.Equal(expected, SecretLiterals.Reason(name, value) is not null);
    }

    [Fact]
    public void Evaluate_SecretLiteral_FindingNamesTheVariableButNeverTheValue()
    {
        var container = Container("app", "api:1.0") with { Env = [new EnvVar("DB_PASSWORD", "hunter2-prod"), new EnvVar("API_TOKEN", null)] };
        var settings = ClusterPolicySettings.Default.WithPolicy("container-env-secret-literal", new PolicyOverride(Enabled: true));

        var finding = Assert.Single(PolicyEvaluator.Evaluate(Snapshot(Workload("api", [container])), settings).Findings);

        Assert.Contains("DB_PASSWORD", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("API_TOKEN", finding.Message, StringComparison.Ordinal); // valueFrom: not a literal
    }
}
