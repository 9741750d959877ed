namespace KubeAdvisor.Web.Features.Admission;

/// <summary>The server side of the agent's admission webhook: the per-cluster mode, what the agent pulls, the decisions it reports.</summary>
public static class AdmissionExtensions
{
    public static WebApplicationBuilder AddAdmission(this WebApplicationBuilder builder)
    {
        builder.Services.AddTransient<AdmissionModes>();
        builder.Services.AddTransient<AdmissionConfigSource>();
        builder.Services.AddSingleton<AdmissionQueries>();
        return builder;
    }
}
