using KubeAdvisor.Kubernetes.Yaml;

namespace KubeAdvisor.Kubernetes.Tests.Yaml;

public sealed class BoundedYamlTests
{
    private static readonly YamlLimits Limits = new(MaxBytes: 4096, MaxDepth: 4, MaxNodes: 50);

    private static string Nested(int levels) => new string('[', levels) + new string(']', levels);

    [Fact]
    public void Check_TwentyThousandNestedLists_RefusedWithTheLine()
    {
        var error = BoundedYaml.Check("a: 1\nb: " + Nested(20_000), new YamlLimits(256 * 1024, 32, 20_000));

        Assert.Equal("The YAML nests deeper than 32 levels at line 2.", error);
    }

    [Fact]
    public void Check_DepthAtTheLimit_Passes_OneDeeper_Refused()
    {
        // The root mapping is level 1, so "a: [[[x]]]" is four levels deep.
        Assert.Null(BoundedYaml.Check("a: [[[x]]]", Limits));
        Assert.Contains("nests deeper than 4 levels", BoundedYaml.Check("a: [[[[x]]]]", Limits), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_LargerThanMaxBytes_RefusedBeforeParsing()
    {
        // Not even YAML: the size is checked first.
        var error = BoundedYaml.Check("{" + new string('x', 5000), Limits, "The kubeconfig");

        Assert.Equal("The kubeconfig is 4.9 KiB; at most 4 KiB is accepted.", error);
    }

    [Fact]
    public void Check_MultiByteCharacters_CountedAsUtf8Bytes()
    {
        var text = "a: " + new string('é', 2100); // 2,103 characters, 4,203 bytes

        Assert.Contains("at most 4 KiB", BoundedYaml.Check(text, Limits), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_MoreNodesThanTheLimit_Refused()
    {
        var flat = "a: [" + string.Join(",", Enumerable.Repeat("1", 60)) + "]";

        Assert.Contains("more than 50 YAML nodes", BoundedYaml.Check(flat, Limits), StringComparison.Ordinal);
        Assert.Null(BoundedYaml.Check("a: [" + string.Join(",", Enumerable.Repeat("1", 40)) + "]", Limits));
    }

    [Theory]
    [InlineData("a: &x {b: 1}\nc: 2", "defines an anchor (&x, line 1)")]
    [InlineData("a: &x 1\nc: *x", "anchor")]
    [InlineData("a: [1, 2]\nc: *x", "uses an alias (*x, line 2)")]
    [InlineData("user:\n  <<: {exec: {command: sh}}", "merge key (<<, line 2)")]
    [InlineData("- {<<: {a: 1}}", "merge key")]
    public void Check_AnchorsAliasesAndMergeKeys_Refused(string yaml, string expected)
    {
        Assert.Contains(expected, BoundedYaml.Check(yaml, Limits), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_MergeKeySpellingAsAValue_Passes()
    {
        Assert.Null(BoundedYaml.Check("a: <<\nb: [<<]", Limits));
    }

    [Fact]
    public void Check_SecondDocument_Refused()
    {
        Assert.Contains("more than 1 YAML document", BoundedYaml.Check("a: 1\n---\nb: 2", Limits), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_NotYaml_NamesTheLine()
    {
        var error = BoundedYaml.Check("a: 1\nb: c: d", Limits, "The kubeconfig");

        Assert.StartsWith("The kubeconfig is not valid YAML: ", error, StringComparison.Ordinal);
        Assert.Contains("(line 2)", error, StringComparison.Ordinal);
    }
}
