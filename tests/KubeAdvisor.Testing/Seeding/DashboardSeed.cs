namespace KubeAdvisor.Testing.Seeding;

/// <summary>Ids of what <see cref="DashboardSeeder"/> inserted.</summary>
public sealed record DashboardSeed(Guid ProdId, Guid StagingId, Guid ProdScanId, Guid WebWorkloadId, Guid ApiWorkloadId);
