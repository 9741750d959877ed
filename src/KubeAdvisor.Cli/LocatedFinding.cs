using KubeAdvisor.Core.Evaluation;

namespace KubeAdvisor.Cli;

/// <summary>A finding and where to fix it: the container's <c>image:</c> line, or the object's <c>kind:</c> line.</summary>
/// <param name="Finding">The evaluator's finding.</param>
/// <param name="File">The manifest file (relative, forward slashes); empty when the finding has no source object.</param>
/// <param name="Line">The 1-based line; 0 when unknown.</param>
internal sealed record LocatedFinding(Finding Finding, string File, int Line);
