using KubeAdvisor.Core.Admission;
using KubeAdvisor.Web.Features.Agents;

namespace KubeAdvisor.Web.Tests.Features.Agents;

/// <summary>The admission decisions a snapshot carries are bounded and checked on intake like the rest of the payload.</summary>
public sealed class SnapshotValidatorAdmissionTests
{
    private static readonly DateOnly Day = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public void Validate_PlausibleDecisions_AreAccepted_AndAnOlderAgentsSnapshotHasNone()
    {
        var snapshot = AgentPushClient.Snapshot() with
        {
            AdmissionDecisions = [new(Day, "shop", "", 3, 1, 2), new(Day.AddDays(-7), "shop", "image-tag-latest", 0, 0, 2)],
        };

        Assert.Empty(SnapshotValidator.Validate(snapshot));
        Assert.Empty(AgentPushClient.Snapshot().AdmissionDecisions);
    }

    [Theory]
    [InlineData("", "", 1, "namespace must be 1 to 63")]
    [InlineData("shop", "no-such-policy", 1, "policy must be empty or a policy id")]
    [InlineData("shop", "", -1, "count below 0")]
    [InlineData("shop", "", 10_000_001, "above 10000000")]
    public void Validate_BadRow_IsNamed(string ns, string policy, int denied, string expected)
    {
        var snapshot = AgentPushClient.Snapshot() with { AdmissionDecisions = [new(Day, ns, policy, 0, 0, denied)] };

        Assert.Contains(SnapshotValidator.Validate(snapshot), e => e.StartsWith("admissionDecisions[0]", StringComparison.Ordinal) && e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_TooManyRowsOrAnOldDay_IsRefused()
    {
        var many = Enumerable.Range(0, SnapshotValidator.MaxAdmissionRows + 1).Select(i => new AdmissionDecisionCount(Day, $"ns-{i}", "", 1, 0, 0)).ToList();

        Assert.Contains(SnapshotValidator.Validate(AgentPushClient.Snapshot() with { AdmissionDecisions = many }), e => e.Contains("at most 10000", StringComparison.Ordinal));
        Assert.Contains(SnapshotValidator.Validate(AgentPushClient.Snapshot() with { AdmissionDecisions = [new(Day.AddDays(-30), "shop", "", 1, 0, 0)] }),
            e => e.Contains("day is not within", StringComparison.Ordinal));
    }
}
