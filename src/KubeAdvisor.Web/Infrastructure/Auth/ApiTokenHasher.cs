using System.Security.Cryptography;
using System.Text;

namespace KubeAdvisor.Web.Infrastructure.Auth;

/// <summary>Creates API/agent tokens and their SHA-256 hashes. Tokens are 256-bit random, so a fast hash is enough.</summary>
public static class ApiTokenHasher
{
    public const string TokenPrefix = "ka_";

    public static string NewToken() =>
        TokenPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string DisplayPrefix(string token) => token.Length <= 10 ? token[..Math.Min(4, token.Length)] : token[..10];
}
