using KubeAdvisor.Web.Features.Scans;
using KubeAdvisor.Web.Tests.Support;
using Npgsql;

namespace KubeAdvisor.Web.Tests.Features.Scans;

/// <summary>The scan compares stored workload jsonb with fresh text as strings: PostgreSQL must print exactly what we write.</summary>
[Collection(WebAppCollection.Name)]
public sealed class JsonbTextTests(WebAppFixture fx)
{
    public static TheoryData<string> Texts => new()
    {
        JsonbText.Object([]),
        JsonbText.Array([]),
        JsonbText.Object([new("kubeadvisor.io/exempt", "image-tag-latest"), new("a", "1"), new("kubeadvisor.io/exempt (pod template)", "x")]),
        JsonbText.Object([new("Type", "Container"), new("Name", "web"), new("ImagePullPolicy", null), new("Image", "nginx:1.27")]),
        JsonbText.Object([new("b", "quote \" backslash \\ tab \t newline \n cr \r bell \u0007 slash / unicode é ü 🚀 <>&+'")]),
        JsonbText.Object([new("é", "non-ASCII key is 2 bytes"), new("zz", "2 bytes"), new("z", "1 byte")]),
        JsonbText.Array([JsonbText.Object([new("Name", "a")]), JsonbText.Object([new("Name", "b")])]),
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task Text_AsPrintedByPostgres_IsTheSame(string text)
    {
        await using var connection = new NpgsqlConnection(fx.Database.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT @t::jsonb::text", connection);
        cmd.Parameters.AddWithValue("t", text);

        Assert.Equal(text, (string?)await cmd.ExecuteScalarAsync());
    }
}
