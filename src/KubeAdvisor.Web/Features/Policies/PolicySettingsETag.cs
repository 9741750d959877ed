using System.Security.Cryptography;
using System.Text;
using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Web.Features.Policies;

/// <summary>
/// The entity tag of a cluster's settings for the settings API: a strong tag from the SHA-256 of their JSON form, so
/// it changes exactly when the settings do (also when the Policies page changed them) and needs no stored version.
/// </summary>
public static class PolicySettingsETag
{
    public static string Of(ClusterPolicySettings settings)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(PolicySettingsJson.Serialize(settings)));
        return $"\"{Convert.ToHexStringLower(hash.AsSpan(0, 16))}\"";
    }

    /// <summary>Whether an If-Match header value names <paramref name="etag"/> (a list, weak tags, or <c>*</c>).</summary>
    public static bool Matches(string ifMatch, string etag) =>
        ifMatch.Split(',').Select(t => t.Trim()).Any(t => t == "*" || t == etag || t == "W/" + etag);
}
