namespace KubeAdvisor.Cli;

/// <summary>The output formats of <c>kubeadvisor scan</c>.</summary>
internal enum ReportFormat
{
    Text,
    Json,
    Sarif,
    Junit,
}
