using KubeAdvisor.Core.Policies;
using KubeAdvisor.Core.Policies.Efficiency;

namespace KubeAdvisor.Core.Tests.Policies.BestPractice;

public sealed class ResourceRangeTests
{
    [Theory]
    [InlineData("250m", 0.25)]
    [InlineData("2", 2)]
    [InlineData("1.5", 1.5)]
    [InlineData("512Mi", 536870912)]
    [InlineData("1Gi", 1073741824)]
    [InlineData("128M", 128000000)]
    [InlineData("1e3", 1000)]
    [InlineData("5E-1", 0.5)]
    [InlineData(" 4k ", 4000)]
    public void Quantity_ValidForms_ParseToCoresOrBytes(string text, double expected)
    {
        Assert.True(ResourceQuantity.TryParse(text, out var value));
        Assert.Equal((decimal)expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("Mi")]
    [InlineData("12Qi")]
    [InlineData("1e99")]
    [InlineData("1.2.3")]
    public void Quantity_InvalidForms_DoNotParse(string? text)
    {
        Assert.False(ResourceQuantity.TryParse(text, out _));
    }

    [Theory]
    [InlineData("memory-limit=16Mi..64Gi", "memory-limit", true, true)]
    [InlineData("cpu-request=..4", "cpu-request", false, true)]
    [InlineData("cpu-limit=100m..", "cpu-limit", true, false)]
    public void Parse_ValidEntries_GiveTheBounds(string entry, string resource, bool hasMin, bool hasMax)
    {
        var (range, error) = ResourceRange.Parse(entry);

        Assert.Null(error);
        Assert.Equal((resource, hasMin, hasMax), (range!.Resource, range.Min is not null, range.Max is not null));
    }

    [Theory]
    [InlineData("memory=1..2", "must be one of")]
    [InlineData("cpu-limit=..", "a minimum, a maximum or both")]
    [InlineData("cpu-limit=4..1", "minimum is above the maximum")]
    [InlineData("cpu-limit=lots..", "not a quantity")]
    [InlineData("cpu-limit 1..2", "resource=min..max")]
    public void Validate_BadEntries_AreRejectedWithTheReason(string entry, string reason)
    {
        var errors = (ClusterPolicySettings.Default with { ResourceRanges = [entry] }).Validate();

        Assert.Contains(errors, e => e.Contains(entry, StringComparison.Ordinal) && e.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_DefaultRanges_AreValid()
    {
        Assert.Empty(ClusterPolicySettings.Default.Validate());
    }
}
