namespace KubeAdvisor.ScaleBench;

/// <summary>
/// The shape of the seeded dashboard database: cluster and namespace names, the policies findings come from, and a
/// deterministic score per cluster × namespace × hour (a per-cluster level, a slow drift and some noise).
/// </summary>
internal static class DashboardShape
{
    public static readonly string[] Namespaces =
        ["payments", "checkout", "catalog", "search", "identity", "billing", "web", "mobile-api", "data", "platform"];

    /// <summary>Policy and severity (0 info … 4 critical): the three default-on ones, then image pack policies.</summary>
    public static readonly (string Id, int Severity)[] Policies =
    [
        ("image-tag-latest", 3), ("image-tag-missing", 3), ("image-reference-invalid", 2), ("image-tag-floating", 2),
        ("image-pull-policy-mutable", 1), ("image-digest-required", 1), ("image-registry-allowed", 3),
    ];

    public static readonly string[] Kinds = ["Deployment", "Deployment", "Deployment", "StatefulSet", "DaemonSet", "CronJob"];

    public static string Cluster(int c) => $"cluster-{c + 1:D2}";

    /// <summary>A cluster's labels (JSON): half prod, three in ten staging, two in ten dev; three regions; seven teams.</summary>
    public static string Labels(int c) =>
        $$"""{"env":"{{(c % 10) switch { < 5 => "prod", < 8 => "staging", _ => "dev" }}}","region":"{{(c % 3) switch { 0 => "eu", 1 => "us", _ => "ap" }}}","team":"team-{{c % 7}}"}""";

    /// <summary>Passed and failed weight of one namespace (or the whole cluster, <paramref name="ns"/> = -1) at one hour.</summary>
    public static (double Passed, double Failed, int FailedChecks) Weights(int cluster, int ns, long hour)
    {
        var level = 0.6 + (0.35 * ((cluster * 37 % 50) / 50.0));
        var drift = 0.05 * Math.Sin((hour / 24.0 / 30.0) + cluster);
        var noise = 0.02 * Math.Sin((hour * 0.7) + (ns * 1.3));
        var share = Math.Clamp(level + drift + noise - (ns < 0 ? 0 : 0.03 * (ns % 4)), 0.05, 1);
        var checks = ns < 0 ? 5000.0 : 500.0;
        var passed = Math.Round(checks * share);
        var failedChecks = (int)(checks - passed);
        return (passed, failedChecks * 2.0, failedChecks);
    }

    public static double Score(double passed, double failed) => passed + failed == 0 ? 100 : Math.Round(100 * passed / (passed + failed), 2);
}
