using System.Text.Json;
using Cel;
using k8s;
using k8s.Models;

namespace KubeAdvisor.Core.Tests.Admission;

/// <summary>
/// Runs a generated ValidatingAdmissionPolicy as the API server would for one object, with the <c>Cel</c> package:
/// the match conditions, then every variable in order (eagerly: an error in any of them fails the test, where the API
/// server would only fail when one is used), then the validations. The object is the JSON an API server holds
/// (<see cref="KubernetesJson"/>), as maps, lists, strings, longs, doubles and booleans.
/// </summary>
internal sealed class VapCel
{
    private readonly CelEnvironment _env = new([], "");
    private readonly V1ValidatingAdmissionPolicy _policy;
    private readonly Dictionary<string, CelProgramDelegate> _compiled = new(StringComparer.Ordinal);

    public VapCel(V1ValidatingAdmissionPolicy policy)
    {
        _policy = policy;
        foreach (var expression in Expressions(policy))
        {
            _compiled.TryAdd(expression, _env.Compile(expression));
        }
    }

    public static IEnumerable<string> Expressions(V1ValidatingAdmissionPolicy policy) =>
        (policy.Spec.MatchConditions ?? []).Select(m => m.Expression)
            .Concat((policy.Spec.Variables ?? []).Select(v => v.Expression))
            .Concat((policy.Spec.Validations ?? []).SelectMany(v => new[] { v.Expression, v.MessageExpression }.OfType<string>()));

    /// <summary>The messages of the failing validations (empty: admitted; null: not matched by the conditions).</summary>
    public IReadOnlyList<string>? Review(IKubernetesObject obj, string operation = "CREATE", IKubernetesObject? old = null)
    {
        var meta = ((IMetadata<V1ObjectMeta>)obj).Metadata;
        var activation = new Dictionary<string, object?>
        {
            ["object"] = ToCel(obj),
            ["oldObject"] = old is null ? null : ToCel(old),
            ["request"] = new Dictionary<string, object?>
            {
                ["operation"] = operation,
                ["namespace"] = string.IsNullOrEmpty(meta?.NamespaceProperty) ? "default" : meta.NamespaceProperty,
                ["name"] = meta?.Name,
            },
        };
        if ((_policy.Spec.MatchConditions ?? []).Any(m => !(bool)Run(m.Expression, activation)!))
        {
            return null;
        }

        var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
        activation["variables"] = variables;
        foreach (var variable in _policy.Spec.Variables ?? [])
        {
            variables[variable.Name] = Run(variable.Expression, activation);
        }

        var failed = new List<string>();
        foreach (var validation in _policy.Spec.Validations ?? [])
        {
            if (Run(validation.Expression, activation) is not true)
            {
                failed.Add(validation.MessageExpression is { } m ? (string)Run(m, activation)! : validation.Message);
            }
        }

        return failed;
    }

    private object? Run(string expression, Dictionary<string, object?> activation)
    {
        try
        {
            return _compiled[expression].Invoke(activation);
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"CEL failed ({e.GetType().Name}: {e.Message}) on: {expression}", e);
        }
    }

    public static object? ToCel(IKubernetesObject obj) => ToCel(JsonDocument.Parse(KubernetesJson.Serialize(obj)).RootElement);

    private static object? ToCel(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => ToCel(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().Select(ToCel).ToList(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out var l) ? l : e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
