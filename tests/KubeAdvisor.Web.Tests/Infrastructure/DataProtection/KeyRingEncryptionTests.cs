using System.Net.Http.Json;
using System.Xml.Linq;
using KubeAdvisor.Data;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Features.Clusters;
using KubeAdvisor.Web.Infrastructure.DataProtection;
using KubeAdvisor.Web.Tests.Support;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KubeAdvisor.Web.Tests.Infrastructure.DataProtection;

/// <summary>The Data Protection key ring in PostgreSQL is encrypted with the master key, across restarts and rotations.</summary>
[Collection(WebAppCollection.Name)]
public sealed class KeyRingEncryptionTests(WebAppFixture fx)
{
    private static readonly string OtherKey = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public async Task KeyRing_AfterStart_HoldsNoPlaintextKeyMaterial()
    {
        var rows = await KeyRowsAsync(fx.Database);

        Assert.NotEmpty(rows);
        Assert.All(rows, row => AssertSealedWith(row.Xml, KubeAdvisorAppFactory.DataProtectionKey));
    }

    [Fact]
    public async Task Restart_SameMasterKey_StoredKubeconfigStillDecrypts()
    {
        await using var fake = await FakeKubernetesServer.StartAsync();
        await using var db = await PostgresDatabase.CreateAsync();
        var (clusterId, kubeconfig) = await AddClusterAsync(db, fake, KubeAdvisorAppFactory.DataProtectionKey);
        var before = await KeyRowsAsync(db);

        await using var restarted = App(db, KubeAdvisorAppFactory.DataProtectionKey);

        Assert.Equal(kubeconfig, await StoredKubeconfigAsync(restarted, clusterId));
        Assert.Equal(before, await KeyRowsAsync(db)); // the stored key was used, not replaced
    }

    [Fact]
    public async Task Start_WrongMasterKey_FailsNamingTheSettingAndChangesNothing()
    {
        await using var fake = await FakeKubernetesServer.StartAsync();
        await using var db = await PostgresDatabase.CreateAsync();
        var (clusterId, kubeconfig) = await AddClusterAsync(db, fake, KubeAdvisorAppFactory.DataProtectionKey);
        var before = await KeyRowsAsync(db);

        var error = await StartFailureAsync(App(db, OtherKey));

        Assert.Contains("does not decrypt with the configured master key", error);
        Assert.Contains($"KUBEADVISOR_DATA_PROTECTION_KEY has id {MasterKey.Parse(OtherKey, "K").Id}", error);
        Assert.Contains("Nothing in the database was changed", error);
        Assert.Equal(before, await KeyRowsAsync(db));
        await using var right = App(db, KubeAdvisorAppFactory.DataProtectionKey);
        Assert.Equal(kubeconfig, await StoredKubeconfigAsync(right, clusterId));
    }

    [Fact]
    public async Task Start_ProductionWithoutKey_FailsSayingHowToCreateOne()
    {
        await using var db = await PostgresDatabase.CreateAsync();

        var error = await StartFailureAsync(App(db, "", ("environment", "Production")));

        Assert.Contains("KUBEADVISOR_DATA_PROTECTION_KEY is not set.", error);
        Assert.Contains("openssl rand -base64 32", error);
        Assert.Equal(0L, await db.ScalarAsync("SELECT count(*) FROM information_schema.tables WHERE table_name = 'DataProtectionKeys'"));
    }

    [Fact]
    public async Task Start_MalformedKey_FailsNamingTheSetting()
    {
        await using var db = await PostgresDatabase.CreateAsync();

        var error = await StartFailureAsync(App(db, "AAECAwQFBgcICQoLDA0ODw=="));

        Assert.Contains("KUBEADVISOR_DATA_PROTECTION_KEY decodes to 16 bytes", error);
    }

    [Fact]
    public async Task Start_PlaintextKeyRingOfAnOlderInstall_IsEncryptedInPlaceAndKubeconfigStillDecrypts()
    {
        await using var fake = await FakeKubernetesServer.StartAsync();
        await using var db = await PostgresDatabase.CreateAsync();
        var (clusterId, kubeconfig) = await AddClusterAsync(db, fake, key: ""); // Development without a key: unencrypted
        Assert.Contains("<value>", Assert.Single(await KeyRowsAsync(db)).Xml);

        await using var upgraded = App(db, KubeAdvisorAppFactory.DataProtectionKey);

        Assert.Equal(kubeconfig, await StoredKubeconfigAsync(upgraded, clusterId));
        AssertSealedWith(Assert.Single(await KeyRowsAsync(db)).Xml, KubeAdvisorAppFactory.DataProtectionKey);
    }

    [Fact]
    public async Task Start_NewKeyWithPreviousKey_ReencryptsTheKeyRingUnderTheNewKey()
    {
        await using var fake = await FakeKubernetesServer.StartAsync();
        await using var db = await PostgresDatabase.CreateAsync();
        var (clusterId, kubeconfig) = await AddClusterAsync(db, fake, KubeAdvisorAppFactory.DataProtectionKey);

        await using (var rotating = App(db, OtherKey, ("DATA_PROTECTION_KEY_PREVIOUS", KubeAdvisorAppFactory.DataProtectionKey)))
        {
            _ = rotating.Server;
        }

        AssertSealedWith(Assert.Single(await KeyRowsAsync(db)).Xml, OtherKey);
        await using var rotated = App(db, OtherKey);
        Assert.Equal(kubeconfig, await StoredKubeconfigAsync(rotated, clusterId));
    }

    [Fact]
    public async Task RotateKeys_ReencryptsKubeconfigsUnderANewKeyAndRevokesTheOlderKeys()
    {
        await using var fake = await FakeKubernetesServer.StartAsync();
        await using var db = await PostgresDatabase.CreateAsync();
        var (clusterId, kubeconfig) = await AddClusterAsync(db, fake, KubeAdvisorAppFactory.DataProtectionKey);
        List<Guid> olderKeys;
        KubeconfigKeyRotation.Result result;
        await using (var app = App(db, KubeAdvisorAppFactory.DataProtectionKey))
        {
            olderKeys = app.Services.GetRequiredService<IKeyManager>().GetAllKeys().Select(k => k.KeyId).ToList();
            result = await app.Services.GetRequiredService<KubeconfigKeyRotation>().RotateAsync();
        }

        await using var restarted = App(db, KubeAdvisorAppFactory.DataProtectionKey);
        var keys = restarted.Services.GetRequiredService<IKeyManager>().GetAllKeys();

        Assert.Equal((1, olderKeys.Count), (result.Kubeconfigs, result.RevokedKeys));
        Assert.NotEmpty(olderKeys);
        Assert.All(keys.Where(k => olderKeys.Contains(k.KeyId)), k => Assert.True(k.IsRevoked));
        Assert.False(keys.Single(k => k.KeyId == result.NewKeyId).IsRevoked);
        Assert.Equal(kubeconfig, await StoredKubeconfigAsync(restarted, clusterId)); // a revoked key would not decrypt
        Assert.All((await KeyRowsAsync(db)).Where(r => XElement.Parse(r.Xml).Name.LocalName == "key"),
            row => AssertSealedWith(row.Xml, KubeAdvisorAppFactory.DataProtectionKey));
    }

    [Fact]
    public async Task RotateKeys_AlsoReencryptsNotificationChannelSecrets_WhichStillDecryptAfterTheOldKeysAreRevoked()
    {
        await using var db = await PostgresDatabase.CreateAsync();
        const string url = "http://127.0.0.1:9/hooks/kubeadvisor"; // loopback is allow-listed in test apps; never called here
        const string secret = "rotate-me-0123456789abcdef";
        Guid channelId;
        await using (var app = App(db, KubeAdvisorAppFactory.DataProtectionKey))
        {
            var created = await ApiClient.WithToken(app, KubeAdvisorAppFactory.BootstrapToken).Http.PostAsJsonAsync(
                "/api/v1/notifications/channels", new { type = "webhook", name = "rotation", url, secret });
            Assert.True(created.StatusCode == System.Net.HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            channelId = (await created.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["id"]!.GetValue<Guid>();
            var result = await app.Services.GetRequiredService<KubeconfigKeyRotation>().RotateAsync();
            Assert.Equal(1, result.OtherSecrets);
        }

        await using var restarted = App(db, KubeAdvisorAppFactory.DataProtectionKey);
        await using var ctx = await restarted.Services.GetRequiredService<IDbContextFactory<KubeAdvisorDbContext>>().CreateDbContextAsync();
        var channel = await ctx.NotificationChannels.AsNoTracking().SingleAsync(c => c.Id == channelId);
        Assert.DoesNotContain(secret, channel.EncryptedSecret!, StringComparison.Ordinal);
        Assert.Equal((url, secret), restarted.Services.GetRequiredService<KubeAdvisor.Web.Features.Notifications.ChannelSecrets>().Read(channel));
    }

    private static KubeAdvisorAppFactory App(PostgresDatabase db, string key, params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?> { ["HANGFIRE_WORKERS"] = "0", ["DATA_PROTECTION_KEY"] = key };
        foreach (var (k, v) in more)
        {
            settings[k] = v;
        }

        return new KubeAdvisorAppFactory(db.ConnectionString, settings);
    }

    private static async Task<(Guid Id, string Kubeconfig)> AddClusterAsync(PostgresDatabase db, FakeKubernetesServer fake, string key)
    {
        await using var app = App(db, key);
        var kubeconfig = fake.Kubeconfig();
        var id = await ApiClient.WithToken(app, KubeAdvisorAppFactory.BootstrapToken).AddClusterAsync("keyring", kubeconfig);
        return (id, kubeconfig);
    }

    private static async Task<string> StoredKubeconfigAsync(KubeAdvisorAppFactory app, Guid clusterId)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<KubeAdvisorDbContext>>().CreateDbContextAsync();
        var encrypted = await db.Clusters.Where(c => c.Id == clusterId).Select(c => c.EncryptedKubeconfig).SingleAsync();
        return app.Services.GetRequiredService<KubeconfigProtector>().Unprotect(encrypted!);
    }

    /// <summary>The start's exception, with its inner exceptions (the host may wrap it).</summary>
    private static async Task<string> StartFailureAsync(KubeAdvisorAppFactory app)
    {
        var ex = Record.Exception(() => app.Server);
        try
        {
            await app.DisposeAsync();
        }
        catch (Exception)
        {
            // A host that never started may fail to stop; the start's exception is what is tested.
        }

        Assert.NotNull(ex);
        return ex.ToString();
    }

    private static async Task<List<(int Id, string Xml)>> KeyRowsAsync(PostgresDatabase db)
    {
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT \"Id\", \"Xml\" FROM \"DataProtectionKeys\" ORDER BY \"Id\"", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<(int, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), reader.GetString(1)));
        }

        return rows;
    }

    /// <summary>No key material in the clear: the secret is an encryptedSecret sealed by the given master key.</summary>
    private static void AssertSealedWith(string xml, string masterKey)
    {
        var key = XElement.Parse(xml);
        Assert.DoesNotContain(key.Descendants(), e => e.Name.LocalName is "masterKey" or "value");
        var secret = Assert.Single(key.Descendants(), e => e.Name.LocalName == "encryptedSecret");
        Assert.Contains(nameof(MasterKeyXmlDecryptor), (string?)secret.Attribute("decryptorType"));
        var sealedSecret = Assert.Single(secret.Elements());
        Assert.Equal(MasterKeyXmlEncryptor.ElementName, sealedSecret.Name);
        Assert.Equal(MasterKey.Parse(masterKey, "K").Id, MasterKeyXmlDecryptor.KeyIdOf(sealedSecret));
    }
}
