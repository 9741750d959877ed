using KubeAdvisor.Web.Features.Exceptions;

namespace KubeAdvisor.Web.Tests.Features.Exceptions;

/// <summary>The YAML format alone (no database): what is written reads back as the same requests, and what is refused.</summary>
public sealed class ExceptionYamlTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static ExceptionView View(Guid? cluster, string clusterName, string? ns, string? name, string? image, string[] policies, string reason,
        string? ticket, DateTimeOffset expires) =>
        new(Guid.NewGuid(), cluster, clusterName, ns, "Deployment", name, null, image, policies, reason, ticket, expires, ExceptionStatuses.Approved,
            "alice@example.com", Now, "bob@example.com", Now, "ok", null, null, null, null, null);

    [Fact]
    public void Write_ThenRead_GivesTheSameRequestsInAStableOrder()
    {
        var prod = Guid.NewGuid();
        var views = new[]
        {
            View(prod, "prod (eu)", "payments", "api-*", "registry.example.com/pay/*:1.*", ["image-tag-latest", "image-tag-missing"],
                "Vendor image: the tag is pinned upstream.\nSecond line: tracked in the ticket.", "https://tickets.example.com/OPS-1", Now.AddDays(20).AddTicks(1230)),
            View(null, "all clusters", "null", null, null, ["image-tag-latest"], "true", null, Now.AddDays(3)),
            View(prod, "prod (eu)", "*weird: ns #", "123", null, ["image-tag-missing"], "- dash and: colon", null, Now.AddDays(1)),
        };

        var yaml = ExceptionYaml.Write(views, Now);
        var document = ExceptionYaml.Read(yaml);

        Assert.Null(document.Error);
        Assert.All(document.Entries, e => Assert.Empty(e.Errors));
        Assert.Equal([null, "prod (eu)", "prod (eu)"], document.Entries.Select(e => e.Cluster));
        Assert.Equal(["null", "*weird: ns #", "payments"], document.Entries.Select(e => e.Request.Namespace));
        var first = document.Entries[2].Request;
        Assert.Equal(["image-tag-latest", "image-tag-missing"], first.Policies!);
        Assert.Equal(views[0].Reason, first.Reason);
        Assert.Equal("https://tickets.example.com/OPS-1", first.TicketUrl);
        Assert.Equal("registry.example.com/pay/*:1.*", first.Image);
        Assert.Equal(Now.AddDays(20).AddTicks(1230), first.ExpiresAt);
        Assert.Equal("123", document.Entries[1].Request.Name);
        Assert.Equal("true", document.Entries[0].Request.Reason);
        Assert.Contains("# requested by alice@example.com on 2026-12-01, approved by bob@example.com on 2026-12-01", yaml, StringComparison.Ordinal);
        Assert.Equal(yaml, ExceptionYaml.Write(views.AsEnumerable().Reverse(), Now)); // the order is the file's, not the caller's
    }

    [Fact]
    public void Write_Nothing_IsAnEmptyListThatReadsBack()
    {
        var document = ExceptionYaml.Read(ExceptionYaml.Write([], Now));

        Assert.Null(document.Error);
        Assert.Empty(document.Entries);
    }

    public static TheoryData<string, string> BadEntries() => new()
    {
        { "- {namespce: shop, cluster: a, policies: [p], reason: r, expiresAt: 2027-01-01}", "Unknown field 'namespce'" },
        { "- {policies: [p], reason: r, expiresAt: 2027-01-01}", "Name the cluster (cluster: NAME) or say allClusters: true." },
        { "- {cluster: a, allClusters: true, policies: [p], reason: r, expiresAt: 2027-01-01}", "not both" },
        { "- {allClusters: yes, policies: [p], reason: r, expiresAt: 2027-01-01}", "allClusters must be true or false" },
        { "- {cluster: a, policies: p, reason: r, expiresAt: 2027-01-01}", "policies must be a list of policy ids." },
        { "- {cluster: a, policies: [p], reason: [r], expiresAt: 2027-01-01}", "reason must be a single value" },
        { "- {cluster: a, policies: [p], reason: r}", "expiresAt is required" },
        { "- {cluster: a, policies: [p], reason: r, expiresAt: 01/02/2027}", "is not an ISO 8601 date" },
        { "- just text", "An entry must be a mapping" },
    };

    [Theory]
    [MemberData(nameof(BadEntries))]
    public void Read_BadEntry_ThatEntryHasTheError(string entry, string error)
    {
        var document = ExceptionYaml.Read($"apiVersion: kubeadvisor.io/v1\nkind: ExceptionList\nexceptions:\n{entry}\n");

        Assert.Null(document.Error);
        var single = Assert.Single(document.Entries);
        Assert.Equal((0, 4), (single.Index, single.Line));
        Assert.Contains(single.Errors, e => e.Contains(error, StringComparison.Ordinal));
    }

    public static TheoryData<string, string> BadFiles() => new()
    {
        { "kind: ExceptionList\nexceptions: []", "must say apiVersion: kubeadvisor.io/v1 and kind: ExceptionList" },
        { "apiVersion: kubeadvisor.io/v1\nkind: ExceptionList", "must have exceptions: a list" },
        { "apiVersion: kubeadvisor.io/v1\nkind: ExceptionList\nexceptions: []\nextra: 1", "Unknown field 'extra' at the top" },
        { "- a\n- b", "must be a YAML mapping" },
        { "apiVersion: kubeadvisor.io/v1\nkind: ExceptionList\nexceptions: [\n", "not valid YAML" },
        { "apiVersion: kubeadvisor.io/v1\nkind: ExceptionList\nexceptions: &x []\nother: *x", "anchors and aliases are not allowed" },
        { "apiVersion: kubeadvisor.io/v1\nkind: ExceptionList\nexceptions: [{cluster: a, policies: [[p]]}]", "nests deeper than 4 levels" },
        { "apiVersion: kubeadvisor.io/v1\nkind: ExceptionList\nexceptions: [" + string.Join(",", Enumerable.Repeat("{}", 1001)) + "]", "at most 1000 are imported" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Read_BadFile_IsRefusedAsAWhole(string yaml, string error)
    {
        var document = ExceptionYaml.Read(yaml);

        Assert.NotNull(document.Error);
        Assert.Contains(error, document.Error, StringComparison.Ordinal);
        Assert.Empty(document.Entries);
    }

    [Fact]
    public void Read_NestedFarDeeperThanTheStackCouldRecurse_IsRefusedByTheEventParser()
    {
        // 200,000 nested lists would overflow the stack of a recursive reader and kill the process (TOOLCHAIN.md).
        var yaml = "apiVersion: kubeadvisor.io/v1\nkind: ExceptionList\nexceptions: " + new string('[', 200_000) + new string(']', 200_000);

        var document = ExceptionYaml.Read(yaml);

        Assert.Contains("nests deeper than 4 levels", document.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatMoment_IsUtcWithOnlyTheDigitsNeeded()
    {
        Assert.Equal("2027-01-31T00:00:00Z", ExceptionYaml.FormatMoment(new DateTimeOffset(2027, 1, 31, 2, 0, 0, TimeSpan.FromHours(2))));
        Assert.Equal("2027-01-31T00:00:00.5Z", ExceptionYaml.FormatMoment(new DateTimeOffset(2027, 1, 31, 0, 0, 0, 500, TimeSpan.Zero)));
    }
}
