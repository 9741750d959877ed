namespace KubeAdvisor.Web.Features.Demo;

/// <summary>
/// The demo history's story, the same at every start (decision 0031): nine workloads in shop, payments and platform
/// start with a backlog that is worked off over 90 days; two weeks ago <c>:latest</c> comes back on five workloads (the
/// score drops) and is pinned again three days later; prod-eu has one replica-drift incident on payments/ledger, fixed
/// the next day by pinning the image to its digest. Staging is noisier and fixes less.
/// </summary>
internal static class DemoStory
{
    public const int Days = 90;
    public const int RegressionDaysAgo = 14;
    public const int RegressionFixedDaysAgo = 11;
    public const int DriftDaysAgo = 33;
    public const int DriftFixedDaysAgo = 32;

    /// <summary>The policies judged on every workload (one check each per scan).</summary>
    public static readonly string[] Policies =
    [
        "image-tag-latest", "image-tag-missing", "image-replica-drift", "image-digest-required", "image-pull-policy-mutable",
        "container-run-as-root", "container-privilege-escalation-allowed", "container-memory-limit-missing",
        "container-liveness-probe-missing", "workload-single-replica",
    ];

    public static readonly (string Namespace, string Name, string Image)[] Workloads =
    [
        ("shop", "frontend", "ghcr.io/acme/frontend:2.14.1"), ("shop", "cart", "ghcr.io/acme/cart:1.9.0"),
        ("shop", "catalog", "ghcr.io/acme/catalog:3.2.0"), ("payments", "payments-api", "ghcr.io/acme/payments-api:4.1.2"),
        ("payments", "ledger", "ghcr.io/acme/ledger:1.22.0"), ("payments", "fraud-check", "ghcr.io/acme/fraud-check:0.9.4"),
        ("platform", "ingress-nginx", "registry.k8s.io/ingress-nginx/controller:v1.11.2"), ("platform", "log-agent", "fluent/fluent-bit:3.1"),
        ("platform", "node-exporter", "quay.io/prometheus/node-exporter:v1.8.2"),
    ];

    public const string PinnedLedger = "ghcr.io/acme/ledger:1.22.0@sha256:5f0c2a8e3b9d41c7a6e2f08d9b1c3e5a7f9d2b4c6e8a0f1d3b5c7e9a1f3d5b7c";

    private static readonly string[] Backlog =
    [
        "container-run-as-root", "container-privilege-escalation-allowed", "container-memory-limit-missing",
        "container-liveness-probe-missing", "workload-single-replica", "image-digest-required",
    ];

    /// <param name="variant">0 prod-eu (with the drift incident), 1 prod-us, 2 staging.</param>
    public static IReadOnlyList<DemoStoryFinding> For(int variant)
    {
        var findings = new List<DemoStoryFinding>();
        var fixShare = variant == 2 ? 0.55 : 0.8;
        for (var w = 0; w < Workloads.Length; w++)
        {
            var (ns, name, image) = Workloads[w];
            for (var p = 0; p < Backlog.Length; p++)
            {
                var policy = Backlog[p];
                var drifted = variant == 0 && name == "ledger" && policy == "image-digest-required";
                if (Noise(variant, w, p, 1) >= 0.85 && !drifted)
                {
                    continue;
                }

                // Most of the backlog is fixed over the weeks; some of it opened later (new workloads, new checks).
                var opened = Noise(variant, w, p, 2) < 0.9 ? Days - 1 : 40 + (int)(Noise(variant, w, p, 3) * 40);
                int? fixedAt = Noise(variant, w, p, 4) < fixShare ? Math.Min(opened - 2, 16 + (int)(Noise(variant, w, p, 5) * 66)) : null;
                if (drifted)
                {
                    fixedAt = DriftFixedDaysAgo; // pinning the image fixes the missing digest too
                }

                findings.Add(new DemoStoryFinding(ns, name, image, policy, Message(policy, image), opened, fixedAt is < 1 ? 1 : fixedAt));
            }
        }

        // Two weeks ago :latest came back (a release script reverted the pinning) on five workloads; pinned again three days later.
        var regression = variant == 2 ? RegressionDaysAgo + 1 : RegressionDaysAgo;
        foreach (var (ns, name, image) in Workloads.Take(6).Where(x => x.Name != "ledger"))
        {
            var latest = image[..image.LastIndexOf(':')] + ":latest";
            findings.Add(new DemoStoryFinding(ns, name, latest, "image-tag-latest", Message("image-tag-latest", latest), regression, RegressionFixedDaysAgo));
            findings.Add(new DemoStoryFinding(ns, name, latest, "image-pull-policy-mutable", Message("image-pull-policy-mutable", latest), regression, RegressionFixedDaysAgo));
        }

        if (variant == 0)
        {
            findings.Add(new DemoStoryFinding("payments", "ledger", "ghcr.io/acme/ledger:1.22.0", "image-replica-drift",
                "Replicas run different images for ghcr.io/acme/ledger:1.22.0: 2 pods run sha256:9b1e…, 1 pod runs sha256:5f0c… (the tag was pushed again).",
                DriftDaysAgo, DriftFixedDaysAgo));
        }

        return findings;
    }

    private static string Message(string policy, string image) => policy switch
    {
        "image-tag-latest" => $"The image {image} uses the tag 'latest'.",
        "image-pull-policy-mutable" => $"imagePullPolicy is not Always for the mutable image {image}.",
        "image-digest-required" => $"The image {image} is not pinned by digest.",
        "container-run-as-root" => "The container may run as root (runAsNonRoot is not true).",
        "container-privilege-escalation-allowed" => "allowPrivilegeEscalation is not false.",
        "container-memory-limit-missing" => "The container sets no memory limit.",
        "container-liveness-probe-missing" => "The container has no liveness probe.",
        _ => "The workload runs a single replica.",
    };

    // Deterministic noise in [0, 1): the same story at every start and in every test.
    private static double Noise(int variant, int workload, int policy, int salt)
    {
        var x = (uint)((variant * 7919) ^ (workload * 104729) ^ (policy * 1299709) ^ (salt * 15485863));
        x ^= x >> 16;
        x *= 0x7feb352d;
        x ^= x >> 15;
        x *= 0x846ca68b;
        x ^= x >> 16;
        return x / (double)uint.MaxValue;
    }
}
