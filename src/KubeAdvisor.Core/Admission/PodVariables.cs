using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Exceptions;

namespace KubeAdvisor.Core.Admission;

/// <summary>
/// The CEL variables every generated check reads, in order (a variable may use the ones before it): the pod spec and
/// pod metadata whatever the kind (a Pod, the template of a Deployment, StatefulSet, DaemonSet, ReplicaSet,
/// ReplicationController or Job, a CronJob's <c>spec.jobTemplate.spec.template</c>), the containers by type, and
/// the values of the <c>kubeadvisor.io/exempt</c> annotation that count under the cluster's mode.
/// </summary>
internal static class PodVariables
{
    private const string Template = "object.spec.template";
    private const string JobTemplate = "object.spec.jobTemplate.spec.template";

    public static IReadOnlyList<(string Name, string Expression)> For(ExemptAnnotationMode mode)
    {
        var list = new List<(string, string)>
        {
            ("podSpec", $"object.kind == 'Pod' ? object.spec : (object.kind == 'CronJob' ? {JobTemplate}.spec : {Template}.spec)"),
            ("podMeta", $"object.kind == 'Pod' ? object.metadata : (object.kind == 'CronJob' ? (has({JobTemplate}.metadata) ? {JobTemplate}.metadata : {{}}) : (has({Template}.metadata) ? {Template}.metadata : {{}}))"),
            ("objectLabels", "has(object.metadata.labels) ? object.metadata.labels : {}"),
            ("templateLabels", "has(variables.podMeta.labels) ? variables.podMeta.labels : {}"),
            ("objectAnnotations", "has(object.metadata.annotations) ? object.metadata.annotations : {}"),
            ("templateAnnotations", "has(variables.podMeta.annotations) ? variables.podMeta.annotations : {}"),
            ("initContainers", "has(variables.podSpec.initContainers) ? variables.podSpec.initContainers : []"),
            ("containers", "has(variables.podSpec.containers) ? variables.podSpec.containers : []"),
            ("ephemeralContainers", "has(variables.podSpec.ephemeralContainers) ? variables.podSpec.ephemeralContainers : []"),
            ("allContainers", "variables.initContainers + variables.containers + variables.ephemeralContainers"),
            ("podSecurity", "has(variables.podSpec.securityContext) ? variables.podSpec.securityContext : {}"),
            ("windows", "has(variables.podSpec.os) && has(variables.podSpec.os.name) && variables.podSpec.os.name == 'windows'"),
            ("validImageContainers", $"variables.allContainers.filter(c, {ImageCel.IsValid(ImageCel.Of("c"))})"),
        };
        if (mode != ExemptAnnotationMode.Ignore)
        {
            list.Add(("exemptValues", ExemptValues(mode)));
        }

        return list;
    }

    // The annotation on the object and on its template both count (union); under require-reason only with a
    // non-blank reason (the object's, else the template's) and without an end date, which admission cannot check:
    // no clock is available to CEL there.
    private static string ExemptValues(ExemptAnnotationMode mode)
    {
        var key = CelText.Quote(ExemptAnnotation.Key);
        var values = $"({key} in variables.objectAnnotations ? [variables.objectAnnotations[{key}]] : [])"
            + $" + ({key} in variables.templateAnnotations ? [variables.templateAnnotations[{key}]] : [])";
        if (mode == ExemptAnnotationMode.Allow)
        {
            return values;
        }

        var reason = CelText.Quote(ExemptAnnotation.ReasonKey);
        var until = CelText.Quote(ExemptAnnotation.UntilKey);
        var reasonText = $"({reason} in variables.objectAnnotations ? variables.objectAnnotations[{reason}]"
            + $" : ({reason} in variables.templateAnnotations ? variables.templateAnnotations[{reason}] : ''))";
        return $"{CelText.Matches(reasonText, "[^" + CelText.Space[1..])}"
            + $" && !({until} in variables.objectAnnotations) && !({until} in variables.templateAnnotations) ? {values} : []";
    }

    /// <summary>True when the annotation exempts the workload from <paramref name="policyId"/>.</summary>
    public static string Exempts(string policyId) =>
        $"variables.exemptValues.exists(v, {CelText.Matches("v", $@"^{CelText.Space}*{CelText.IgnoreCase("true")}{CelText.Space}*\z")}"
        + $" || {CelText.Matches("v", $@"(?:^|,){CelText.Space}*{CelText.Literal(policyId)}{CelText.Space}*(?:,|\z)")})";
}
