namespace KubeAdvisor.Data;

/// <summary>Names shared by the runtime and the design-time factory so both see the same history table.</summary>
public static class DatabaseDefaults
{
    public const string MigrationsAssembly = "KubeAdvisor.Migrations";
    public const string MigrationsHistoryTable = "__ef_migrations_history";
    public const string Schema = "public";
}
