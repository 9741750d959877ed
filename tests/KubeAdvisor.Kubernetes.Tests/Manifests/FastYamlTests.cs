using KubeAdvisor.Kubernetes.Manifests;

namespace KubeAdvisor.Kubernetes.Tests.Manifests;

/// <summary>
/// FastYaml is only a shortcut: whatever it accepts must give exactly YamlDotNet's events (values, typing and lines),
/// and whatever it does not know it must give up on, so that the reference parser reads it. Checked on every manifest
/// of the repository, on hand-written edge cases and on thousands of seeded mutations of the manifests (most of them
/// invalid YAML, which the fast path must never accept).
/// </summary>
public sealed class FastYamlTests
{
    private const string Typical = """
        # Source: chart/templates/deployment.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: app-1
          namespace: team-1
          labels: {app: app-1, app.kubernetes.io/managed-by: Helm}
          annotations: {meta.helm.sh/release-name: release-1}
        spec:
          replicas: 2
          selector: {matchLabels: {app: app-1}}
          template:
            metadata:
              labels:
                app: app-1   # trailing comment
            spec:
              securityContext: {runAsNonRoot: true, runAsUser: 10001}
              containers:
              - name: app
                image: registry.example.com:5000/team-1/app-1:1.2.3
                args: ["--port=8080", '--mode=it''s', --verbose]
                ports: [{containerPort: 8080, name: http}]
                env:
                  - {name: PORT, value: "8080"}
                  - name: EMPTY
                    value: ''
                resources:
                  requests: {cpu: 100m, memory: 128Mi}
                  limits: {cpu: "1", memory: 256Mi}
                securityContext: {capabilities: {drop: [ALL]}, readOnlyRootFilesystem: true}
              - name: sidecar
                image: envoyproxy/envoy:v1.30.1
                command:
                -   /bin/sh
                -   -c
              volumes: []
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: nightly, namespace: team-1}
        spec:
          schedule: "*/5 * * * *"
          suspend: false
          startingDeadlineSeconds: 0x1F
          jobTemplate:
            spec:
              template:
                spec:
                  containers:
                    -
                      name: job
                      image: busybox
                      stdin: ~
                  restartPolicy: OnFailure
        """;

    public static TheoryData<string> Accepted() => new()
    {
        Typical,
        Typical.Replace("\n", "\r\n", StringComparison.Ordinal),
        "---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: a}\n--- # next\nkind: Service\n",
        "\n\n# only comments first\n\n   # indented comment\nkind: Pod\nspec:\n    containers:\n        - name: a\n          image: b\n",
        "- a\n- [1, -2, 3.5, true, null]\n- {a: b, \"c\": 'd', e: {}}\n- x: y\n  z:\n  - 1\n",
        "key: value # comment\nurl: http://example.com:80/a#b\nquote: \"a 'b' c\"\nnumbers: [+1, .5, 0o17, 1e3, 010]\n",
        "",
        "# nothing but a comment\n",
    };

    public static TheoryData<string> Declined() => new()
    {
        "data:\n  script: |\n    echo hi\n",
        "data:\n  text: >\n    folded\n",
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "a: \"line\\nbreak\"\n",
        "a: this plain scalar\n  goes on\n",
        "a: \"quoted\n  on two lines\"\n",
        "a: [1,\n  2]\n",
        "a:\nb: 1\n",
        "a:\tb\n",
        "? complex\n: key\n",
        "%YAML 1.2\n---\na: 1\n",
        "a: 1\n...\n",
        "---\n---\na: 1\n",
        "a: 1\n---\n",
        "- - nested\n",
        "a: b: c\n",
        "a: {b: c:d}\n",
        "a: [b, ]\n",
        "a:\n  b: 1\n c: 2\n",
        "a: 1\n  b: 2\n",
        "a: x\u2028y\n",
        "a: x\ry\n",
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void TryWalk_CommonBlockStyle_IsTakenAndEqualsYamlDotNet(string text)
    {
        var (accepted, fast) = Fast(text);

        Assert.True(accepted);
        Assert.Equal(Reference(text), fast);
    }

    [Theory]
    [MemberData(nameof(Declined))]
    public void TryWalk_WhatItDoesNotKnow_IsLeftToYamlDotNet(string text) => Assert.False(Fast(text).Accepted);

    [Theory]
    [MemberData(nameof(ManifestLoaderOracleTests.ManifestFiles), MemberType = typeof(ManifestLoaderOracleTests))]
    public void TryWalk_RepositoryManifest_WhenTakenEqualsYamlDotNet(string file)
    {
        var text = File.ReadAllText(Path.Combine(ManifestLoaderOracleTests.RepositoryRoot, file));
        var (accepted, fast) = Fast(text);

        if (accepted)
        {
            Assert.Equal(Reference(text), fast);
        }
    }

    [Fact]
    public void TryWalk_RepositoryManifests_MostAreTaken()
    {
        var files = ManifestLoaderOracleTests.ManifestPaths();
        var taken = files.Count(f => Fast(File.ReadAllText(Path.Combine(ManifestLoaderOracleTests.RepositoryRoot, f))).Accepted);

        Assert.True(taken * 10 >= files.Count * 8, $"{taken} of {files.Count} manifests taken by the fast path");
    }

    [Fact]
    public void TryWalk_MutatedManifests_NeverTakesWhatYamlDotNetReadsDifferentlyOrRefuses()
    {
        var random = new Random(19);
        var sources = ManifestLoaderOracleTests.ManifestPaths().Select(f => File.ReadAllText(Path.Combine(ManifestLoaderOracleTests.RepositoryRoot, f)))
            .Append(Typical).ToList();
        const string Inserted = ": -#'\"[]{},&*!|>?\n\t\\%";
        var (tried, taken) = (0, 0);
        foreach (var source in sources)
        {
            for (var n = 0; n < 40 && source.Length > 0; n++)
            {
                var at = random.Next(source.Length);
                var mutated = random.Next(3) switch
                {
                    0 => source.Remove(at, 1),
                    1 => source.Insert(at, Inserted[random.Next(Inserted.Length)].ToString()),
                    _ => source.Insert(at, "  "),
                };
                var (accepted, fast) = Fast(mutated);
                tried++;
                if (accepted)
                {
                    taken++;
                    Assert.Equal(Reference(mutated), fast);
                }
            }
        }

        Assert.True(taken > tried / 10, $"{taken} of {tried} mutations taken: too few to say anything");
    }

    [Fact]
    public void Read_MalformedAfterTakenLines_ReportsYamlDotNetsErrorAndLine()
    {
        var yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n bad: x\n"u8.ToArray();

        var error = Assert.Throws<ManifestException>(() => ManifestReader.Read(yaml, "pod.yaml", json: false));

        var reference = Assert.Throws<ManifestException>(() => YamlEventParser.Walk(System.Text.Encoding.UTF8.GetString(yaml), "pod.yaml", new Recorder()));
        Assert.Equal(reference.Message, error.Message);
        Assert.StartsWith("pod.yaml:5: not valid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BlockScalarInAFile_IsReadByYamlDotNet()
    {
        var yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  annotations:\n    note: |\n      two\n      lines\nspec:\n  containers:\n  - {name: c, image: nginx}\n"u8.ToArray();

        var pod = Assert.Single(ManifestReader.Read(yaml, "pod.yaml", json: false));

        Assert.Contains("\"note\":\"two\\nlines\\n\"", System.Text.Encoding.UTF8.GetString(pod.Json), StringComparison.Ordinal);
        Assert.Equal(11, Assert.Single(pod.Containers).ImageLine);
    }

    private static (bool Accepted, List<string> Events) Fast(string text)
    {
        var recorder = new Recorder();
        return (FastYaml.TryWalk(text, recorder), recorder.Events);
    }

    private static List<string> Reference(string text)
    {
        var recorder = new Recorder();
        try
        {
            YamlEventParser.Walk(text, "t.yaml", recorder);
        }
        catch (ManifestException e)
        {
            recorder.Events.Add("error " + e.Message);
        }

        return recorder.Events;
    }

    private sealed class Recorder : IYamlEvents
    {
        public List<string> Events { get; } = [];

        public void DocumentStart(int line) => Events.Add($"document {line}");

        public void DocumentEnd() => Events.Add("/document");

        public void MappingStart(int line) => Events.Add($"mapping {line}");

        public void MappingEnd() => Events.Add("/mapping");

        public void SequenceStart(int line) => Events.Add($"sequence {line}");

        public void SequenceEnd() => Events.Add("/sequence");

        public void Scalar(string value, bool typed, int line) => Events.Add($"{(typed ? "plain" : "text")} [{value}] {line}");
    }
}
