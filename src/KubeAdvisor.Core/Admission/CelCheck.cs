namespace KubeAdvisor.Core.Admission;

/// <summary>
/// One policy as CEL. A container policy names the containers it judges (<see cref="Containers"/>, a list
/// expression over the shared variables) and when one of them fails (<see cref="Fails"/>, over <c>c</c>); a workload
/// policy gives only <see cref="Fails"/>, over the object and the shared variables.
/// </summary>
/// <param name="Containers">The containers judged, e.g. <c>variables.allContainers</c>; null for a workload policy.</param>
/// <param name="Fails">True when the container <c>c</c> (or the workload) fails the policy.</param>
/// <param name="Problem">What is wrong, for the message (after "container NAME" for a container policy).</param>
/// <param name="ImageExemptions">Whether the policy's exempt-image globs apply (container policies only).</param>
internal sealed record CelCheck(string? Containers, string Fails, string Problem, bool ImageExemptions = true);
