using System.Diagnostics;
using System.Text.Json;
using KubeAdvisor.Cli.Tests.Support;
using KubeAdvisor.Testing;

namespace KubeAdvisor.Cli.Tests;

/// <summary>
/// The SARIF report passes Microsoft's validator (npm @microsoft/sarif-multitool-linux, installed into .tools/sarif by
/// scripts/prerequisites.sh). The validator exits 0 whatever it finds: its findings are the results of its own SARIF
/// output, and any of level error fails here. A missing validator fails the test too.
/// </summary>
public sealed class SarifValidationTests
{
    private static readonly string Validator =
        RepositoryFiles.PathOf(".tools/sarif/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");

    [Fact]
    public async Task Sarif_DemoManifests_PassesMicrosoftsValidator()
    {
        Assert.True(File.Exists(Validator), $"The SARIF validator is missing at {Validator}: run scripts/prerequisites.sh.");
        var folder = Directory.CreateTempSubdirectory("kubeadvisor-sarif-").FullName;
        try
        {
            var report = Path.Combine(folder, "demo.sarif");
            var verdict = Path.Combine(folder, "verdict.sarif");
            var run = await CliRun.ScanAsync(GoldenOutputTests.Demo, "--format", "sarif", "--output", report);
            Assert.Equal(1, run.Exit);

            var problems = await ValidateAsync(report, verdict);

            Assert.True(problems.All(p => p.Level != "error"), string.Join("\n", problems.Select(p => $"{p.Level} {p.Rule}: {p.Text}")));

            // The validator does catch a broken log (a result naming no rule and no message), so a pass above means something.
            var broken = Path.Combine(folder, "broken.sarif");
            await File.WriteAllTextAsync(broken, (await File.ReadAllTextAsync(report)).Replace("\"message\": {", "\"massage\": {", StringComparison.Ordinal));
            Assert.Contains(await ValidateAsync(broken, verdict), p => p.Level == "error");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Sarif_Results_PointAtTheImageLine_WithStableFingerprints()
    {
        var first = await CliRun.ScanAsync(GoldenOutputTests.Demo, "--format", "sarif", "--fail-on", "none");
        using var doc = JsonDocument.Parse(first.Stdout);
        var run = doc.RootElement.GetProperty("runs")[0];
        var web = run.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("message").GetProperty("text").GetString()!.StartsWith("shop/Deployment/web", StringComparison.Ordinal));
        var location = web.GetProperty("locations")[0].GetProperty("physicalLocation");
        var rule = run.GetProperty("tool").GetProperty("driver").GetProperty("rules")[web.GetProperty("ruleIndex").GetInt32()];

        Assert.Equal("image-tag-latest", web.GetProperty("ruleId").GetString());
        Assert.Equal("image-tag-latest", rule.GetProperty("id").GetString());
        Assert.Equal("src/KubeAdvisor.DemoCluster/Manifests/10-shop.yaml", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("%SRCROOT%", location.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
        var lines = await File.ReadAllLinesAsync(RepositoryFiles.PathOf("src/KubeAdvisor.DemoCluster/Manifests/10-shop.yaml"));
        Assert.Equal("image: nginx:latest", lines[location.GetProperty("region").GetProperty("startLine").GetInt32() - 1].Trim());
        Assert.Equal("8.0", rule.GetProperty("properties").GetProperty("security-severity").GetString());
        Assert.EndsWith("docs/policies.md#image-tag-latest-image-uses-the-latest-tag", rule.GetProperty("helpUri").GetString(), StringComparison.Ordinal);
        Assert.Equal("error", web.GetProperty("level").GetString());

        // Moving the object down the file changes the line, not the fingerprint.
        var shop = await File.ReadAllTextAsync(RepositoryFiles.PathOf("src/KubeAdvisor.DemoCluster/Manifests/10-shop.yaml"));
        using var folder = CliRun.Files(("src/KubeAdvisor.DemoCluster/Manifests/10-shop.yaml", "# moved\n# down\n" + shop));
        var moved = await folder.ScanAsync("src", "--format", "sarif", "--fail-on", "none");
        using var movedDoc = JsonDocument.Parse(moved.Stdout);
        var movedWeb = movedDoc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Single(r => r.GetProperty("message").GetProperty("text").GetString()!.StartsWith("shop/Deployment/web", StringComparison.Ordinal));
        Assert.Equal(location.GetProperty("region").GetProperty("startLine").GetInt32() + 2,
            movedWeb.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(web.GetProperty("partialFingerprints").GetRawText(), movedWeb.GetProperty("partialFingerprints").GetRawText());
    }

    private static async Task<List<(string? Level, string? Rule, string? Text)>> ValidateAsync(string report, string verdict)
    {
        using var process = Process.Start(new ProcessStartInfo(Validator, ["validate", report, "-o", verdict, "--log", "ForceOverwrite"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            Environment = { ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1" },
        })!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(File.Exists(verdict), $"The validator wrote no result: {output}");
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(verdict));
        return doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => (Level: r.TryGetProperty("level", out var l) ? l.GetString() : "warning", Rule: r.GetProperty("ruleId").GetString(),
                Text: r.GetProperty("message").TryGetProperty("text", out var t) ? t.GetString() : r.GetProperty("message").ToString()))
            .ToList();
    }
}
