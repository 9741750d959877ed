using System.Text;
using KubeAdvisor.Kubernetes.Kubeconfig;

namespace KubeAdvisor.Kubernetes.Tests.Kubeconfig;

/// <summary>The bounded pre-parse runs before RawKubeconfigChecks and KubernetesClient's parser.</summary>
public sealed class KubeconfigBoundsTests
{
    private static KubeconfigValidationResult Validate(string text) => KubeconfigText.Validate(text);

    [Fact]
    public void Validate_PreferencesNestedTwentyThousandDeep_RefusedWithoutCrashing()
    {
        var text = KubeconfigText.Config() + "\npreferences: {x: " + new string('[', 20_000) + new string(']', 20_000) + "}\n";

        var r = Validate(text);

        Assert.False(r.IsValid);
        Assert.Contains(r.Errors, e => e.StartsWith("The kubeconfig nests deeper than 32 levels at line", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_MergeKeyFromAnAnchorHoldingExec_Refused()
    {
        var text = """
            apiVersion: v1
            kind: Config
            x-defaults: &e
              exec: {apiVersion: client.authentication.k8s.io/v1, command: /bin/sh, args: ["-c", "id"]}
            clusters:
            - name: prod
              cluster: {server: "https://k8s.example.com"}
            users:
            - name: scanner
              user: {<<: *e}
            contexts:
            - name: prod
              context: {cluster: prod, user: scanner}
            current-context: prod
            """;

        var r = Validate(text);

        Assert.Null(r.Config);
        var error = Assert.Single(r.Errors);
        Assert.StartsWith("The kubeconfig defines an anchor (&e, line ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InlineMergeKeyHoldingExec_Refused()
    {
        var r = Validate(KubeconfigText.Config(user: "<<: {exec: {command: /bin/sh}}\n    token: abc"));

        Assert.Null(r.Config);
        Assert.Contains(r.Errors, e => e.Contains("merge key (<<", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_LargerThan256KiB_RefusedWithTheLimit()
    {
        var text = KubeconfigText.Config() + "\n# " + new string('x', 256 * 1024) + "\n";

        var r = Validate(text);

        Assert.Single(r.Errors);
        Assert.Matches(@"^The kubeconfig is 25\d\.\d KiB; at most 256 KiB is accepted\.$", r.Errors[0]);
    }

    [Fact]
    public void Validate_MoreThanTwentyThousandNodes_Refused()
    {
        var text = KubeconfigText.Config() + "\npreferences: {x: [" + string.Join(",", Enumerable.Repeat("1", 20_100)) + "]}\n";

        Assert.Contains(Validate(text).Errors, e => e.Contains("more than 20000 YAML nodes", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ManyContextsWithInlineCertificates_StaysWithinTheBounds()
    {
        // 150 clusters, users and contexts with a CA each: a big but real kubeconfig must still pass.
        var b = new StringBuilder("apiVersion: v1\nkind: Config\nclusters:\n");
        for (var i = 0; i < 150; i++)
        {
            b.Append($"- name: c{i}\n  cluster:\n    server: https://k{i}.example.com\n    certificate-authority-data: {KubeconfigText.Ca}\n");
        }

        b.Append("users:\n");
        for (var i = 0; i < 150; i++)
        {
            b.Append($"- name: u{i}\n  user:\n    token: t{i}\n");
        }

        b.Append("contexts:\n");
        for (var i = 0; i < 150; i++)
        {
            b.Append($"- name: x{i}\n  context:\n    cluster: c{i}\n    user: u{i}\n    namespace: default\n");
        }

        var r = Validate(b.ToString());

        Assert.DoesNotContain(r.Errors, e => e.StartsWith("The kubeconfig ", StringComparison.Ordinal));
        Assert.Equal(150, r.Contexts.Count);
    }
}
