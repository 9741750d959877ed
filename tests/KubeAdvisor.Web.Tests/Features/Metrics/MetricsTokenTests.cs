using KubeAdvisor.Web.Features.Metrics;

namespace KubeAdvisor.Web.Tests.Features.Metrics;

public sealed class MetricsTokenTests
{
    private const string Token = "0123456789abcdef0123";

    [Theory]
    [InlineData("Bearer " + Token, true)]
    [InlineData("bearer " + Token, true)]
    [InlineData("Bearer " + Token + "x", false)]
    [InlineData("Bearer " + "0123456789abcdef012", false)]
    [InlineData("Basic " + Token, false)]
    [InlineData(Token, false)]
    [InlineData("Bearer ", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Authorized_Header_MatchesOnlyTheExactBearerToken(string? header, bool expected) =>
        Assert.Equal(expected, MetricsEndpoint.Authorized(header, Token));
}
