using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Core.Tests.Policies;

public sealed class PolicyParameterTests
{
    public static TheoryData<string> Names => new(PolicyParameter.All.Select(p => p.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void With_OneList_ReplacesThatListAndNoOther(string name)
    {
        var parameter = PolicyParameter.Find(name)!;
        IReadOnlyList<string> values = ["x-" + name];

        var changed = parameter.With(ClusterPolicySettings.Default, values);

        Assert.Equal(values, parameter.Get(changed));
        Assert.All(PolicyParameter.All.Where(p => p.Name != name),
            other => Assert.Equal(other.Get(ClusterPolicySettings.Default), other.Get(changed)));
    }

    [Fact]
    public void All_Names_AreUniqueCamelCaseAndDescribed()
    {
        Assert.Equal(PolicyParameter.All.Count, PolicyParameter.All.Select(p => p.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(PolicyParameter.All, p =>
        {
            Assert.Matches("^[a-z][A-Za-z]+$", p.Name);
            Assert.False(string.IsNullOrWhiteSpace(p.Label));
            Assert.False(string.IsNullOrWhiteSpace(p.Help));
        });
        Assert.Same(PolicyParameter.ExcludedNamespaces, PolicyParameter.All[0]);
    }

    [Fact]
    public void Find_UnknownName_ReturnsNull()
    {
        Assert.Null(PolicyParameter.Find("noSuchList"));
    }
}
