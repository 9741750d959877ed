using System.Globalization;
using System.Text;

namespace KubeAdvisor.DemoCluster;

/// <summary>Opaque continue tokens: the list's resourceVersion, resource and offset.</summary>
internal static class ContinueToken
{
    public static string Write(long version, string plural, int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{version}:{plural}:{offset}"));

    /// <summary>False when the token is malformed, for another resource, or from an older resourceVersion.</summary>
    public static bool TryRead(string token, long currentVersion, string plural, out int offset)
    {
        offset = 0;
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split(':');
            return parts.Length == 3
                && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var v) && v == currentVersion
                && parts[1] == plural
                && int.TryParse(parts[2], CultureInfo.InvariantCulture, out offset) && offset >= 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
