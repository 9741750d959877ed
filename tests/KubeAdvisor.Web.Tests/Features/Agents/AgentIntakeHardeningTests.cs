using System.Net;
using System.Security.Cryptography;
using System.Text;
using KubeAdvisor.Web.Features.Agents;
using KubeAdvisor.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Features.Agents;

/// <summary>The agent intake decides cheaply first and keeps nothing of a snapshot that failed but its size and digest.</summary>
[Collection(WebAppCollection.Name)]
public sealed class AgentIntakeHardeningTests(WebAppFixture fx)
{
    private readonly AgentPushClient _agent = new(fx.App);

    [Fact]
    public async Task Push_TooSoon_Is429BeforeTheBodyIsRead()
    {
        var (cluster, token) = await _agent.ConnectAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await _agent.PushAsync(token, await AgentPushClient.GzipAsync(AgentPushClient.Snapshot()))).StatusCode);

        // Not gzip: were the body read, the answer would be 400.
        var second = await _agent.PushAsync(token, Encoding.UTF8.GetBytes("this is not a snapshot"));

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(1L, await fx.Database.ScalarAsync($"SELECT count(*) FROM agent_snapshots WHERE \"ClusterId\" = '{cluster}'"));
    }

    [Fact]
    public async Task Push_ReplayNamedInTheHeader_Is200WithoutReadingTheBody()
    {
        var (_, token) = await _agent.ConnectAsync();
        var snapshot = AgentPushClient.Snapshot();
        var first = await _agent.PushAsync(token, await AgentPushClient.GzipAsync(snapshot), snapshotId: snapshot.SnapshotId);

        var replay = await _agent.PushAsync(token, Encoding.UTF8.GetBytes("garbage"), snapshotId: snapshot.SnapshotId);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("\"duplicate\":true", await replay.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Job_SnapshotThatFailsEvaluation_KeepsSizeAndDigestNotPayloadAndShowsAGenericError()
    {
        var (cluster, _) = await _agent.ConnectAsync();
        var garbage = new byte[] { 0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x00, 0xff, 0x01, 0x02, 0x03 };
        var intake = fx.App.Services.GetRequiredService<AgentSnapshotIntake>();

        var result = await intake.AcceptAsync(cluster, AgentPushClient.Snapshot(), garbage, "0.1.0-test", CancellationToken.None);
        var scan = await _agent.Admin.WaitForScanAsync(result.ScanId!.Value);

        Assert.Equal("Failed", scan["status"]!.GetValue<string>());
        var error = scan["error"]!.GetValue<string>();
        Assert.Contains("error id", error);
        Assert.DoesNotContain("compress", error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("archive", error, StringComparison.OrdinalIgnoreCase);
        var where = $"FROM agent_snapshots WHERE \"ScanId\" = '{result.ScanId}'";
        Assert.Equal(0, await fx.Database.ScalarAsync($"SELECT octet_length(\"Payload\") {where}"));
        Assert.Equal(garbage.Length, await fx.Database.ScalarAsync($"SELECT \"CompressedBytes\" {where}"));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(garbage)), await fx.Database.ScalarAsync($"SELECT \"PayloadSha256\" {where}"));
    }
}
