using System.Text.Json;
using KubeAdvisor.Cli.Tests.Support;

namespace KubeAdvisor.Cli.Tests;

/// <summary>What the CLI reads (multi-document YAML, JSON, List kinds, folders, stdin) and the lines it reports.</summary>
public sealed class ScanInputTests
{
    // Line numbers matter here: nginx's image is on line 18, the Pod's kind on line 22, its container on line 26.
    private const string MultiDocument = """
        # two workloads and a Service
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
        spec:
          template:
            spec:
              initContainers:
                - name: init
                  image: busybox:1.36
              containers:
                - image: nginx:latest
                  name: nginx
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: debug, namespace: shop}
        spec:
          hostPID: true
          containers: [{name: shell, image: "busybox"}]
        """;

    [Fact]
    public async Task Scan_MultiDocumentYaml_ReportsTheImageLineOrTheKindLine()
    {
        using var folder = CliRun.Files(("deploy/app.yaml", MultiDocument));

        var findings = await FindingsAsync(folder, "deploy", "--settings", Settings(folder, "packs: {security: true}"));

        Assert.Contains(("deploy/app.yaml", 18, "image-tag-latest", "nginx"), findings);
        Assert.Contains(("deploy/app.yaml", 26, "image-tag-missing", "shell"), findings);
        Assert.Contains(("deploy/app.yaml", 22, "pod-host-pid", (string?)null), findings);
        Assert.DoesNotContain(findings, f => f.Container == "init" && f.Policy.StartsWith("image-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Scan_JsonFileAndListKind_ReportsTheirLines()
    {
        const string json = """
            {
              "apiVersion": "v1",
              "kind": "List",
              "items": [
                {
                  "apiVersion": "apps/v1",
                  "kind": "Deployment",
                  "metadata": {"name": "a", "namespace": "x"},
                  "spec": {"template": {"spec": {"containers": [
                    {"name": "app",
                     "image": "nginx:latest"}
                  ]}}}
                },
                {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "b", "namespace": "x"},
                 "spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "job", "image": "busybox"}]}}}}}}
              ]
            }
            """;
        const string yamlList = """
            apiVersion: v1
            kind: List
            items:
              - apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db, namespace: x}
                spec:
                  template:
                    spec:
                      containers:
                        - name: db
                          image: postgres:latest
            """;
        using var folder = CliRun.Files(("list.json", json), ("nested/list.yml", yamlList), ("notes.txt", "not read"));

        var findings = await FindingsAsync(folder, ".");

        Assert.Equal(
            [("list.json", 11, "image-tag-latest", "app"), ("list.json", 15, "image-tag-missing", "job"), ("nested/list.yml", 12, "image-tag-latest", "db")],
            findings.Where(f => f.Policy.StartsWith("image-tag", StringComparison.Ordinal)).ToList());
    }

    [Fact]
    public async Task Scan_Stdin_ReadsHelmStyleStream()
    {
        const string helm = """
            ---
            # Source: chart/templates/deployment.yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: release-chart
            spec:
              template:
                spec:
                  containers:
                    - name: chart
                      image: "nginx:latest"
            """;

        var run = await CliRun.RunAsync(["scan", "-", "--format", "json"], stdin: helm);

        Assert.Equal(1, run.Exit);
        var finding = Assert.Single(JsonDocument.Parse(run.Stdout).RootElement.GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("policy").GetString() == "image-tag-latest");
        Assert.Equal("<stdin>", finding.GetProperty("file").GetString());
        Assert.Equal(12, finding.GetProperty("line").GetInt32());
        Assert.Equal("default", finding.GetProperty("namespace").GetString());
        Assert.Equal("Deployment", finding.GetProperty("kind").GetString());
        Assert.Equal("Regular", finding.GetProperty("containerType").GetString());
        Assert.Equal("High", finding.GetProperty("severity").GetString());
    }

    [Fact]
    public async Task Scan_SameObjectInTwoFiles_JudgesBoth()
    {
        const string deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {template: {spec: {containers: [{name: web, image: TAG}]}}}\n";
        using var folder = CliRun.Files(("base/web.yaml", deployment.Replace("TAG", "nginx:1.27", StringComparison.Ordinal)),
            ("overlays/prod/web.yaml", deployment.Replace("TAG", "nginx:latest", StringComparison.Ordinal)));

        var findings = await FindingsAsync(folder, ".");

        Assert.Contains(("overlays/prod/web.yaml", 4, "image-tag-latest", "web"), findings);
        Assert.DoesNotContain(findings, f => f.File == "base/web.yaml" && f.Policy == "image-tag-latest");
    }

    private static string Settings(TempFolder folder, string body)
    {
        File.WriteAllText(Path.Combine(folder.Path, "settings.yaml"), $"apiVersion: kubeadvisor.io/v1\nkind: PolicySettings\n{body}\n");
        return "settings.yaml";
    }

    private static async Task<List<(string File, int Line, string Policy, string? Container)>> FindingsAsync(TempFolder folder, params string[] args)
    {
        var run = await folder.ScanAsync([.. args, "--format", "json", "--fail-on", "none"]);
        Assert.True(run.Exit == 0, run.Stderr);
        return JsonDocument.Parse(run.Stdout).RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (f.GetProperty("file").GetString()!, f.GetProperty("line").GetInt32(), f.GetProperty("policy").GetString()!,
                f.GetProperty("container").GetString()))
            .ToList();
    }
}
