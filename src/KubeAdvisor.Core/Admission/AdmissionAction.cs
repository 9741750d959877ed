namespace KubeAdvisor.Core.Admission;

/// <summary>The binding's <c>validationActions</c>: what the API server does when a generated check fails.</summary>
public enum AdmissionAction
{
    /// <summary>Reject the request (the default of the export).</summary>
    Deny,

    /// <summary>Admit it, and return the message to the client as a warning (kubectl prints it).</summary>
    Warn,

    /// <summary>Admit it, and record the failure in the API server's audit log.</summary>
    Audit,
}
