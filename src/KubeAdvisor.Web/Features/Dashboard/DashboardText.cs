namespace KubeAdvisor.Web.Features.Dashboard;

/// <summary>Messages shown instead of exceptions: the page says what happened in words and what to try.</summary>
public static class DashboardText
{
    public const string LoadFailed = "The data could not be loaded (the database may be unreachable). Reload the page in a moment; if it persists, check /readyz.";
    public const string NotAllowed = "Your role does not allow this action.";
}
