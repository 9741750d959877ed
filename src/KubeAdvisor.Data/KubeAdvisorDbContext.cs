using KubeAdvisor.Data.Entities;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Data;

/// <summary>The one database of KubeAdvisor: identity, Data Protection keys, clusters, scans and findings.</summary>
public sealed class KubeAdvisorDbContext(DbContextOptions<KubeAdvisorDbContext> options)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Cluster> Clusters => Set<Cluster>();
    public DbSet<Scan> Scans => Set<Scan>();
    public DbSet<WorkloadRecord> Workloads => Set<WorkloadRecord>();
    public DbSet<FindingRecord> Findings => Set<FindingRecord>();
    public DbSet<ScanSummary> ScanSummaries => Set<ScanSummary>();
    public DbSet<ScoreSample> ScoreSamples => Set<ScoreSample>();
    public DbSet<DailyRollup> DailyRollups => Set<DailyRollup>();
    public DbSet<AgentSnapshot> AgentSnapshots => Set<AgentSnapshot>();
    public DbSet<AdmissionDecision> AdmissionDecisions => Set<AdmissionDecision>();
    public DbSet<DigestObservation> DigestObservations => Set<DigestObservation>();
    public DbSet<PolicyException> PolicyExceptions => Set<PolicyException>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<OwnershipRuleRecord> OwnershipRules => Set<OwnershipRuleRecord>();
    public DbSet<NamespaceRecord> Namespaces => Set<NamespaceRecord>();
    public DbSet<NotificationChannel> NotificationChannels => Set<NotificationChannel>();
    public DbSet<NotificationRoute> NotificationRoutes => Set<NotificationRoute>();
    public DbSet<NotificationDelivery> NotificationDeliveries => Set<NotificationDelivery>();
    public DbSet<NotificationHealthState> NotificationHealthStates => Set<NotificationHealthState>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        builder.ApplyConfigurationsFromAssembly(typeof(KubeAdvisorDbContext).Assembly);
    }
}
