using KubeAdvisor.Cli.Tests.Support;

namespace KubeAdvisor.Cli.Tests;

/// <summary>
/// Findings on objects that are not workloads (decision 0033) in the CLI: a cluster-scoped binding and a namespaced Role
/// are located by file and line like workloads, and their checks are JUnit test cases.
/// </summary>
public sealed class ObjectFindingsTests
{
    private const string Rbac = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: ci-deployer}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
        subjects: [{kind: ServiceAccount, name: deployer, namespace: ci}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: debugger, namespace: payments}
        rules:
          - {apiGroups: [""], resources: ["pods/exec"], verbs: ["create"]}
        """;

    private const string Settings = "apiVersion: kubeadvisor.io/v1\nkind: PolicySettings\npacks: {rbac: true}\n";

    [Fact]
    public async Task Scan_RbacPack_ObjectFindingsCarryTheirFileAndLine()
    {
        using var folder = CliRun.Files(("rbac.yaml", Rbac), ("s.yaml", Settings));

        var run = await folder.ScanAsync("rbac.yaml", "--settings", "s.yaml", "--fail-on", "none");

        Assert.Equal(0, run.Exit);
        Assert.Contains("rbac.yaml:2: high rbac-cluster-admin-binding /ClusterRoleBinding/ci-deployer: ClusterRoleBinding ci-deployer grants ClusterRole cluster-admin to ServiceAccount:ci/deployer",
            run.Stdout, StringComparison.Ordinal);
        Assert.Contains("rbac.yaml:8: medium rbac-role-pod-exec payments/Role/debugger: Role payments/debugger grants pods/exec", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_RbacPackJunit_EveryObjectCheckIsATestCase()
    {
        using var folder = CliRun.Files(("rbac.yaml", Rbac), ("s.yaml", Settings));

        var run = await folder.ScanAsync("rbac.yaml", "--settings", "s.yaml", "--fail-on", "none", "--format", "junit");

        // ci-deployer: cluster-admin (fails) and default-ServiceAccount (passes); debugger: exec (fails) and secrets (passes).
        Assert.Contains("classname=\"/ClusterRoleBinding/ci-deployer\" name=\"rbac-cluster-admin-binding\"", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("classname=\"/ClusterRoleBinding/ci-deployer\" name=\"rbac-default-service-account-bound\"", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("classname=\"payments/Role/debugger\" name=\"rbac-secrets-wildcard\"", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("tests=\"4\" failures=\"2\"", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_ConfigMapPolicy_NamesTheKeyAndNeverPrintsTheValue()
    {
        const string configMaps = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: payments}
            data:
              DB_PASSWORD: cli-only-Sup3rSecret
              id_rsa: |
                ---BEGIN OPENSSH PRIVATE KEY---
                Y2xpLW9ubHk=
                ---END OPENSSH PRIVATE KEY---
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: clean, namespace: payments}
            data: {LOG_LEVEL: info}
            """;
        using var folder = CliRun.Files(("cm.yaml", configMaps),
            ("s.yaml", "apiVersion: kubeadvisor.io/v1\nkind: PolicySettings\npolicies: {configmap-secret-literal: {enabled: true}}\n"));

        foreach (var format in new[] { "text", "json", "sarif", "junit" })
        {
            var run = await folder.ScanAsync("cm.yaml", "--settings", "s.yaml", "--fail-on", "none", "--format", format);

            Assert.Equal(0, run.Exit);
            Assert.Contains("DB_PASSWORD (its name says it holds a secret), id_rsa (its value has the shape of a credential)", run.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("Sup3rSecret", run.Stdout + run.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("Y2xpLW9ubHk", run.Stdout + run.Stderr, StringComparison.Ordinal);
        }

        var text = await folder.ScanAsync("cm.yaml", "--settings", "s.yaml", "--fail-on", "none");
        Assert.Contains("cm.yaml:2: high configmap-secret-literal payments/ConfigMap/settings: ConfigMap payments/settings holds secret-looking values", text.Stdout, StringComparison.Ordinal);
    }
}
