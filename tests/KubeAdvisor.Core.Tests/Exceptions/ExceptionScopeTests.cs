using KubeAdvisor.Core.Exceptions;

namespace KubeAdvisor.Core.Tests.Exceptions;

public sealed class ExceptionScopeTests
{
    [Theory]
    [InlineData(null, null, null, null, null, "payments", "Deployment", "api", null, null, true)]
    [InlineData("pay*", "deploy*", "api", null, null, "payments", "Deployment", "api", null, null, true)]
    [InlineData("pay*", null, null, "app", null, "payments", "Deployment", "api", null, null, false)] // container scope, workload check
    [InlineData(null, null, null, "app", null, "payments", "Deployment", "api", "app", "nginx:1", true)]
    [InlineData(null, null, null, "app", null, "payments", "Deployment", "api", "sidecar", "nginx:1", false)]
    [InlineData(null, null, null, null, "docker.io/library/nginx:*", "payments", "Deployment", "api", "app", "nginx:1", true)]
    [InlineData(null, null, null, null, "nginx:2*", "payments", "Deployment", "api", "app", "nginx:1", false)]
    [InlineData("*", "*", "*", "*", "*", "x", "Job", "y", null, null, true)] // '*' everywhere is not container-scoped
    public void Matches(string? ns, string? kind, string? name, string? container, string? image,
        string fNs, string fKind, string fName, string? fContainer, string? fImage, bool expected) =>
        Assert.Equal(expected, new ExceptionScope(ns, kind, name, container, image).Matches(fNs, fKind, fName, fContainer, fImage));

    [Fact]
    public void Validate_RejectsSpacesControlAndLength()
    {
        var errors = new ExceptionScope("a b", Name: new string('x', ExceptionScope.MaxGlobLength + 1), Image: "nginx\n").Validate();

        Assert.Equal(3, errors.Count);
    }

    [Fact]
    public void ToString_ShowsAnyAsStar() =>
        Assert.Equal("payments/*/api-* container app", new ExceptionScope("payments", null, "api-*", "app").ToString());
}
