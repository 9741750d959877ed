namespace KubeAdvisor.AdmissionBench;

/// <summary>
/// The four review shapes the bench sends in turn: a refused :latest Deployment, an allowed pinned one, a bare Pod and a
/// three-container StatefulSet (with an init container).
/// </summary>
internal static class Reviews
{
    public static string[] All() => [Review(Deployment("nginx:latest")), Review(Deployment("nginx:1.27.3")), Review(Pod()), Review(StatefulSet())];

    private static string Review(string obj) =>
        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"" + Guid.NewGuid() + "\",\"operation\":\"CREATE\",\"namespace\":\"shop\",\"name\":\"api\",\"object\":" + obj + "}}";

    private static string Container(string name, string image) =>
        "{\"name\":\"" + name + "\",\"image\":\"" + image + "\",\"ports\":[{\"containerPort\":8080}],\"resources\":{\"requests\":{\"cpu\":\"100m\",\"memory\":\"128Mi\"},\"limits\":{\"memory\":\"256Mi\"}},"
        + "\"readinessProbe\":{\"httpGet\":{\"path\":\"/ready\",\"port\":8080}},\"securityContext\":{\"runAsNonRoot\":true,\"allowPrivilegeEscalation\":false,\"capabilities\":{\"drop\":[\"ALL\"]}},"
        + "\"env\":[{\"name\":\"MODE\",\"value\":\"prod\"}]}";

    private static string Workload(string kind, string name, string containers, string init = "") =>
        "{\"apiVersion\":\"apps/v1\",\"kind\":\"" + kind + "\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"shop\",\"labels\":{\"app.kubernetes.io/name\":\"" + name + "\"}},"
        + "\"spec\":{\"replicas\":3,\"selector\":{\"matchLabels\":{\"app\":\"" + name + "\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"" + name + "\"}},"
        + "\"spec\":{" + (init.Length > 0 ? "\"initContainers\":[" + init + "]," : "") + "\"containers\":[" + containers + "]}}}}";

    private static string Deployment(string image) => Workload("Deployment", "api", Container("api", image));

    private static string Pod() =>
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"debug\",\"namespace\":\"shop\"},\"spec\":{\"containers\":[" + Container("debug", "busybox:1.36") + "]}}";

    private static string StatefulSet() => Workload("StatefulSet", "db",
        Container("db", "postgres:16.4") + "," + Container("exporter", "quay.io/prometheuscommunity/postgres-exporter:v0.15.0"), Container("init", "busybox:1.36"));
}
