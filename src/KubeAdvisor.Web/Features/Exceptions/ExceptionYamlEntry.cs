namespace KubeAdvisor.Web.Features.Exceptions;

/// <summary>One entry of an exceptions file, before its cluster is looked up and its request validated.</summary>
/// <param name="Index">Its position in <c>exceptions</c>, from 0.</param>
/// <param name="Line">The line it starts on, from 1.</param>
/// <param name="Cluster">The cluster's name; null for all clusters (<c>allClusters: true</c>).</param>
/// <param name="Request">The fields as a request (<see cref="ExceptionRequest.ClusterId"/> is filled in by the importer).</param>
/// <param name="Errors">What is wrong with its structure (unknown fields, wrong types, an unreadable date).</param>
public sealed record ExceptionYamlEntry(int Index, int Line, string? Cluster, ExceptionRequest Request, IReadOnlyList<string> Errors);
