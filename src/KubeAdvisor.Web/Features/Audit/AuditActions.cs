namespace KubeAdvisor.Web.Features.Audit;

/// <summary>Stable names of audited actions (filterable in the audit log).</summary>
public static class AuditActions
{
    public const string SignIn = "auth.sign-in";
    public const string SignInFailed = "auth.sign-in-failed";
    public const string LockedOut = "auth.locked-out";
    public const string SignOut = "auth.sign-out";
    public const string PasswordChanged = "auth.password-changed";
    public const string UserCreated = "user.created";
    public const string UserRoleChanged = "user.role-changed";
    public const string UserDisabled = "user.disabled";
    public const string UserEnabled = "user.enabled";
    public const string TokenCreated = "token.created";
    public const string TokenRevoked = "token.revoked";
    public const string TokenNeverExpires = "token.never-expires";
    public const string TokenUsed = "token.used";
    public const string TokenExpired = "token.expired";
    public const string ScanRequested = "scan.requested";
    public const string ClusterAdded = "cluster.added";
    public const string ClusterUpdated = "cluster.updated";
    public const string ClusterCredentialsReplaced = "cluster.credentials-replaced";
    public const string ClusterDeleted = "cluster.deleted";
    public const string ClusterLabelsChanged = "cluster.labels-changed";
    public const string DemoHistorySeeded = "demo.history-seeded";
    public const string DemoHistoryRemoved = "demo.history-removed";
    public const string ClusterAdmissionChanged = "cluster.admission-changed";
    public const string AgentConnectionCreated = "agent.connection-created";
    public const string AgentTokenRotated = "agent.token-rotated";
    public const string AgentTokenRevoked = "agent.token-revoked";
    public const string PolicyChanged = "policy.changed";
    public const string ConnectionTested = "cluster.connection-tested";
    public const string ExceptionRequested = "exception.requested";
    public const string ExceptionApproved = "exception.approved";
    public const string ExceptionRejected = "exception.rejected";
    public const string ExceptionRevoked = "exception.revoked";
    public const string ExceptionExpired = "exception.expired";
    public const string ExceptionsImported = "exception.imported";
    public const string TeamCreated = "team.created";
    public const string TeamDeleted = "team.deleted";
    public const string TeamMembersChanged = "team.members-changed";
    public const string OwnershipRuleCreated = "ownership.rule-created";
    public const string OwnershipRuleChanged = "ownership.rule-changed";
    public const string OwnershipRuleDeleted = "ownership.rule-deleted";
    public const string NotificationChannelCreated = "notification.channel-created";
    public const string NotificationChannelDeleted = "notification.channel-deleted";
    public const string NotificationTestSent = "notification.test-sent";
    public const string NotificationRouteCreated = "notification.route-created";
    public const string NotificationRouteChanged = "notification.route-changed";
    public const string NotificationRouteDeleted = "notification.route-deleted";
}
