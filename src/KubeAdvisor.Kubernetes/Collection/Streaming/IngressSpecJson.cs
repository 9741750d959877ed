using System.Text.Json;
using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Kubernetes.Collection.Streaming;

/// <summary>An Ingress's spec (networking.k8s.io/v1): the rules' hosts and the TLS entries' hosts; backends and paths are skipped.</summary>
internal static class IngressSpecJson
{
    public static (IReadOnlyList<string> Hosts, IReadOnlyList<IngressTls> Tls) Read(ref Utf8JsonReader r, ReadCache cache)
    {
        var hosts = new List<string>();
        var tls = new List<IngressTls>();
        if (!JsonRead.IsObject(ref r))
        {
            return (hosts, tls);
        }

        while (JsonRead.NextProperty(ref r))
        {
            if (r.ValueTextEquals("rules"u8))
            {
                JsonRead.Next(ref r);
                if (!JsonRead.IsArray(ref r))
                {
                    continue;
                }

                while (JsonRead.NextElement(ref r))
                {
                    if (JsonRead.StringField(ref r, "host"u8) is { Length: > 0 } host)
                    {
                        hosts.Add(host);
                    }
                }
            }
            else if (r.ValueTextEquals("tls"u8))
            {
                JsonRead.Next(ref r);
                ReadTls(ref r, tls);
            }
            else
            {
                JsonRead.SkipValue(ref r);
            }
        }

        return (hosts, tls);
    }

    private static void ReadTls(ref Utf8JsonReader r, List<IngressTls> tls)
    {
        if (!JsonRead.IsArray(ref r))
        {
            return;
        }

        while (JsonRead.NextElement(ref r))
        {
            if (!JsonRead.IsObject(ref r))
            {
                continue;
            }

            List<string>? hosts = null;
            while (JsonRead.NextProperty(ref r))
            {
                if (r.ValueTextEquals("hosts"u8))
                {
                    JsonRead.Next(ref r);
                    hosts = JsonRead.StringList(ref r)?.Where(h => !string.IsNullOrEmpty(h)).ToList();
                }
                else
                {
                    JsonRead.SkipValue(ref r);
                }
            }

            tls.Add(new IngressTls(hosts ?? []));
        }
    }
}
