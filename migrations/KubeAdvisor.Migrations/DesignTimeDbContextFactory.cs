using KubeAdvisor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KubeAdvisor.Migrations;

/// <summary>Lets dotnet-ef build the context without the web host. The connection is only used by commands that need one.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<KubeAdvisorDbContext>
{
    public KubeAdvisorDbContext CreateDbContext(string[] args)
    {
        var cs = Environment.GetEnvironmentVariable("KUBEADVISOR_DB")
            ?? "Host=127.0.0.1;Port=55432;Database=kubeadvisor;Username=postgres";
        var options = new DbContextOptionsBuilder<KubeAdvisorDbContext>();
        options.UseKubeAdvisorDatabase(cs);
        return new KubeAdvisorDbContext(options.Options);
    }
}
