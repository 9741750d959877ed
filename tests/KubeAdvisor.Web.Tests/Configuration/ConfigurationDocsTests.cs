using System.Reflection;
using System.Text.RegularExpressions;
using KubeAdvisor.Testing;
using KubeAdvisor.Web.Configuration;
using KubeAdvisor.Web.Infrastructure.Auth.Oidc;
using Microsoft.Extensions.Configuration;
using YamlDotNet.RepresentationModel;

namespace KubeAdvisor.Web.Tests.Configuration;

/// <summary>.env.example, the README's configuration table and the options class name the same keys.</summary>
public sealed partial class ConfigurationDocsTests
{
    // Read by run.sh or docker compose, not by the app.
    private static readonly string[] ScriptOnly = ["KUBEADVISOR_PG_PORT", "KUBEADVISOR_PG_PASSWORD", "KUBEADVISOR_URLS"];

    private static string Root => RepositoryFiles.Root;

    private static List<string> EnvExampleKeys() =>
        File.ReadAllLines(Path.Combine(Root, ".env.example")).Select(l => KeyLine().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();

    [Fact]
    public void Readme_ConfigurationTable_ListsEveryKeyOfEnvExample()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));

        Assert.All(EnvExampleKeys(), key => Assert.Contains($"| `{key}` |", readme));
    }

    [Fact]
    public void EnvExample_ListsEveryOptionOfTheApp()
    {
        var keys = EnvExampleKeys();
        var options = new[] { typeof(KubeAdvisorOptions), typeof(OidcOptions) }.SelectMany(t => t.GetProperties())
            .Select(p => p.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name)
            .Where(n => n is not null)
            .Select(n => KubeAdvisor.Web.Configuration.ConfigurationExtensions.EnvironmentPrefix + n)
            .ToList();

        Assert.NotEmpty(options);
        Assert.All(options, key => Assert.Contains(key, keys));
        Assert.All(ScriptOnly, key => Assert.Contains(key, keys));
    }

    [Fact]
    public void EnvExample_Values_AreSafeToSourceFromTheShell()
    {
        // run.sh sources .env: an unquoted value with spaces or glob characters would run as a command.
        var unsafeLines = File.ReadAllLines(Path.Combine(Root, ".env.example"))
            .Where(l => KeyLine().IsMatch(l))
            .Select(l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..])
            .Where(v => !(v.StartsWith('"') && v.EndsWith('"')) && v.IndexOfAny([' ', '*', '?', '[', '$', '`', ';', '&', '|']) >= 0)
            .ToList();

        Assert.Empty(unsafeLines);
    }

    [Fact]
    public void Compose_GivesEverySettingOfDotEnv_ToBothRoles()
    {
        // Without env_file only the keys interpolated by hand reached the containers: SMTP, scan timeouts and the rest
        // of .env.example were silently ignored under docker compose.
        var compose = new YamlStream();
        compose.Load(new StringReader(File.ReadAllText(Path.Combine(Root, "docker-compose.yml"))));
        var services = (YamlMappingNode)((YamlMappingNode)compose.Documents[0].RootNode).Children["services"];

        foreach (var role in new[] { "web", "worker" })
        {
            var service = (YamlMappingNode)services.Children[role];
            Assert.True(service.Children.TryGetValue("env_file", out var envFile), $"{role} has no env_file");
            Assert.Equal(".env", ((YamlScalarNode)envFile).Value);
            var environment = (YamlMappingNode)service.Children["environment"];
            Assert.Equal(role, ((YamlScalarNode)environment.Children["KUBEADVISOR_ROLE"]).Value);
        }
    }

    [GeneratedRegex(@"^(KUBEADVISOR_[A-Z0-9_]+)=")]
    private static partial Regex KeyLine();
}
