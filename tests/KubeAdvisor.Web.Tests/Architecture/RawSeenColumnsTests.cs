using System.Reflection;
using KubeAdvisor.Data.Entities;

namespace KubeAdvisor.Web.Tests.Architecture;

/// <summary>
/// "An open finding's LastSeen is the cluster's last succeeded scan" is applied in one module (decision 0013): the
/// stored LastSeen/LastScanId of findings, workloads and digest observations are read only by Features/Findings and
/// written by the scan writers (Features/Scans). Checked on the compiled IL: a call to, or an expression tree's
/// reference (ldtoken) of, one of these getters anywhere else fails.
/// </summary>
public sealed class RawSeenColumnsTests
{
    private const string Findings = "KubeAdvisor.Web.Features.Findings";
    private const string Scans = "KubeAdvisor.Web.Features.Scans";
    private static readonly Assembly Web = typeof(KubeAdvisor.Web.Features.Findings.FindingsQueries).Assembly;

    private static readonly HashSet<MethodInfo> RawGetters =
    [
        .. new[] { typeof(FindingRecord), typeof(WorkloadRecord), typeof(DigestObservation) }
            .SelectMany(t => new[] { t.GetProperty("LastSeen"), t.GetProperty("LastScanId") }) // workloads keep no LastScanId
            .OfType<PropertyInfo>()
            .Select(p => p.GetMethod!),
    ];

    [Fact]
    public void RawLastSeen_IsReadOnlyByTheFindingsModuleAndWrittenByTheScanStore()
    {
        var readers = Readers().ToList();

        // The scan finds the module's own reads, so an empty answer below means "none", not "could not see any".
        Assert.Contains(readers, r => r.Namespace == Findings);
        Assert.Empty(readers.Where(r => r.Namespace is not (Findings or Scans)).Select(r => $"{r.Type}.{r.Method}").Distinct());
    }

    private static IEnumerable<(string? Namespace, string Type, string Method)> Readers()
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in Web.GetTypes())
        {
            var owner = type;
            while (owner.DeclaringType is { } outer)
            {
                owner = outer; // lambdas, closures and async state machines count for the type that wrote them
            }

            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                if (method.GetMethodBody()?.GetILAsByteArray() is { } il && References(method.Module, il))
                {
                    yield return (owner.Namespace, owner.FullName ?? owner.Name, method.Name);
                }
            }
        }
    }

    // call (0x28), callvirt (0x6F) and ldtoken (0xD0) take a 4-byte token; tokens that do not resolve to a method are skipped.
    private static bool References(Module module, byte[] il)
    {
        for (var i = 0; i + 4 < il.Length; i++)
        {
            if (il[i] is not (0x28 or 0x6F or 0xD0))
            {
                continue;
            }

            var token = BitConverter.ToInt32(il, i + 1);
            if ((token >> 24) is not (0x06 or 0x0A or 0x2B))
            {
                continue;
            }

            try
            {
                if (module.ResolveMember(token) is MethodInfo m && RawGetters.Contains(m))
                {
                    return true;
                }
            }
            catch (Exception e) when (e is ArgumentException or BadImageFormatException)
            {
                // a byte pattern that is not a token here (generic context or operand of another opcode)
            }
        }

        return false;
    }
}
