using System.Reflection;

namespace KubeAdvisor.Web.Tests.Architecture;

/// <summary>
/// Inside the web app, a feature (<c>Features/&lt;Feature&gt;</c>) uses another only where this table says so, and no two
/// features depend on each other. Read from the compiled code (signatures, base types and the types, methods and fields
/// the IL refers to, Razor markup included), so a new dependency fails the test until it is written down here.
/// </summary>
public sealed class FeatureDependencyTests
{
    private const string Prefix = "KubeAdvisor.Web.Features.";

    // Shared modules every feature may use: the audit log, cluster storage (kubeconfigs, stored settings), the scan
    // pipeline's entry points, the findings model and the dashboard's shared pieces (scores, chips, refresh).
    private static readonly string[] Shared = ["Audit", "Clusters", "Scans", "Findings", "Dashboard"];

    // Further edges, each with its reason.
    private static readonly Dictionary<string, string[]> Extra = new(StringComparer.Ordinal)
    {
        // the token endpoints; the workload page's digest rows in the API; the compliance report; the exception workflow, its queries and YAML;
        // teams and ownership rules; notification channels and routes; the openreports.io Reports; removing the demo history;
        // a cluster's admission mode
        ["Api"] = ["Tokens", "Workloads", "Compliance", "Exceptions", "Teams", "Notifications", "Policies", "Reports", "Demo", "Admission"],
        // ApiError, the one error body of the API; the agent's admission configuration, and its decisions stored with a snapshot;
        // its own cluster's openreports.io Reports, which it writes into the cluster (GET /api/v1/agent/reports)
        ["Agents"] = ["Api", "Admission", "Reports"],
        // the admission configuration carries the cluster's approved, unexpired exceptions (ExceptionRules)
        ["Admission"] = ["Exceptions"],
        // the cluster page shows the agent's liveness, its exceptions expiring within 7 days and its admission webhook
        ["ClusterDetail"] = ["Agents", "Exceptions", "Admission"],
        ["Fleet"] = ["Agents"], // the fleet table's connection column shows the agent's liveness
        ["Overview"] = ["Fleet", "Teams"], // the Overview is the fleet table with its groups; unowned findings and "My teams"
        ["Policies"] = ["Exceptions"], // the exempt annotation's mode is named as the Exceptions page names it
        ["Teams"] = ["Users"], // the teams admin page picks members from the users list (UserAdministration, Admin-checked)
        ["Violations"] = ["Teams"], // the team filter's choices, and team=mine resolved to the user's teams (page and CSV export)
        ["Workloads"] = ["Exceptions"], // "Request exception" on a finding links to the request form with the finding's scope
        // a scan applies the cluster's approved exceptions and notes the lapsed ones; it resolves owners; once stored (or failed) it
        // queues its notifications (NotificationTrigger)
        ["Scans"] = ["Exceptions", "Teams", "Notifications"],
        // scan-health reads the agent's liveness (AgentLiveness) and links use KUBEADVISOR_PUBLIC_URL (AgentIngestionOptions); the weekly
        // digest lists the exceptions about to expire (ExceptionQueries); the notifications page offers the teams as route filters (TeamQueries)
        ["Notifications"] = ["Agents", "Exceptions", "Teams"],
    };

    private static readonly Assembly Web = typeof(KubeAdvisor.Web.Features.Findings.FindingsQueries).Assembly;

    [Fact]
    public void Features_DependOnlyOnSharedModulesAndNamedEdges_AndNeverOnEachOther()
    {
        var graph = Graph();
        Assert.True(graph.Count > 10, $"{graph.Count} features found");
        Assert.Contains("Scans", graph["ClusterDetail"]); // the scan finds what it should: the "Scan now" button

        var unexpected = graph.SelectMany(f => f.Value.Where(d => !Allowed(f.Key, d)).Select(d => $"{f.Key} -> {d}")).ToList();
        var cycles = graph.SelectMany(f => f.Value.Where(d => graph.TryGetValue(d, out var back) && back.Contains(f.Key)).Select(d => $"{f.Key} <-> {d}")).ToList();

        Assert.True(unexpected.Count == 0, "Undeclared feature dependencies: " + string.Join(", ", unexpected));
        Assert.True(cycles.Count == 0, "Features depending on each other: " + string.Join(", ", cycles));
    }

    private static bool Allowed(string feature, string dependency) =>
        Shared.Contains(dependency) || (Extra.TryGetValue(feature, out var more) && more.Contains(dependency));

    private static Dictionary<string, HashSet<string>> Graph()
    {
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var type in Web.GetTypes())
        {
            if (FeatureOf(Outermost(type)) is not { } feature)
            {
                continue;
            }

            var deps = graph.TryGetValue(feature, out var d) ? d : graph[feature] = [];
            foreach (var used in Referenced(type).Select(FeatureOf).OfType<string>().Where(f => f != feature))
            {
                deps.Add(used);
            }
        }

        return graph;
    }

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer; // lambdas, closures and async state machines count for the type that wrote them
        }

        return type;
    }

    private static string? FeatureOf(Type? type)
    {
        var ns = type is null ? null : Outermost(type).Namespace;
        if (ns is null || !ns.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = ns[Prefix.Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    private static IEnumerable<Type> Referenced(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var found = new List<Type?> { type.BaseType };
        found.AddRange(type.GetInterfaces());
        found.AddRange(type.GetFields(all).Select(f => f.FieldType));
        found.AddRange(type.GetProperties(all).Select(p => p.PropertyType));
        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            found.AddRange(method.GetParameters().Select(p => p.ParameterType));
            if (method is MethodInfo m)
            {
                found.Add(m.ReturnType);
            }

            if (method.GetMethodBody()?.GetILAsByteArray() is { } il)
            {
                found.AddRange(TokensIn(method.Module, il, method));
            }
        }

        return found.OfType<Type>().SelectMany(Expand);
    }

    // Generic arguments and element types count too: List<ScanRow>, OpenComponent<ScanNowButton>().
    private static IEnumerable<Type> Expand(Type type)
    {
        yield return type;
        if (type.HasElementType && type.GetElementType() is { } element)
        {
            foreach (var t in Expand(element))
            {
                yield return t;
            }
        }

        if (type.IsGenericType)
        {
            foreach (var t in type.GetGenericArguments().SelectMany(Expand))
            {
                yield return t;
            }
        }
    }

    // Opcodes whose operand is a 4-byte metadata token of a type, method or field.
    private static readonly HashSet<byte> TokenOpcodes = [0x28, 0x6F, 0x73, 0xD0, 0x7B, 0x7C, 0x7D, 0x7E, 0x7F, 0x80, 0x8C, 0x8D, 0x74, 0x75, 0xA5, 0x79];

    private static IEnumerable<Type> TokensIn(Module module, byte[] il, MethodBase context)
    {
        var typeArgs = context.DeclaringType is { IsGenericType: true } g ? g.GetGenericArguments() : null;
        var methodArgs = context.IsGenericMethod ? context.GetGenericArguments() : null;
        for (var i = 0; i + 4 < il.Length; i++)
        {
            if (TokenOpcodes.Contains(il[i]))
            {
                foreach (var type in Resolve(module, BitConverter.ToInt32(il, i + 1), typeArgs, methodArgs))
                {
                    yield return type;
                }
            }
        }
    }

    // The types a token stands for: a type, or a member's declaring type plus the generic arguments it was used with.
    private static Type[] Resolve(Module module, int token, Type[]? typeArgs, Type[]? methodArgs)
    {
        try
        {
            return (token >>> 24) switch
            {
                0x01 or 0x02 or 0x1B => [module.ResolveType(token, typeArgs, methodArgs)],
                0x04 or 0x06 or 0x0A or 0x2B => module.ResolveMember(token, typeArgs, methodArgs) switch
                {
                    MethodInfo m => [.. new[] { m.DeclaringType, m.ReturnType }.OfType<Type>(), .. m.IsGenericMethod ? m.GetGenericArguments() : []],
                    ConstructorInfo c => c.DeclaringType is { } t ? [t] : [],
                    FieldInfo f => [.. new[] { f.DeclaringType }.OfType<Type>(), f.FieldType],
                    _ => [],
                },
                _ => [],
            };
        }
        catch (Exception e) when (e is ArgumentException or BadImageFormatException or TypeLoadException or MissingMemberException)
        {
            return []; // not a token (bytes inside another operand)
        }
    }
}
