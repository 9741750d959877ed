using System.Globalization;
using KubeAdvisor.Kubernetes.Yaml;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace KubeAdvisor.Web.Features.Exceptions;

/// <summary>
/// The YAML form of exceptions, for review in Git (docs/exceptions.md): <see cref="Write"/> puts approved exceptions
/// in a stable order with clusters by name, <see cref="Read"/> turns an uploaded file into requests and says what is
/// wrong with each entry. The text is checked against <see cref="Limits"/> by the event parser before any tree is
/// built. Which entries apply is the importer's business (<see cref="ExceptionImporter"/>).
/// </summary>
public static partial class ExceptionYaml
{
    public const string ApiVersion = "kubeadvisor.io/v1";
    public const string Kind = "ExceptionList";
    public const string ContentType = "application/yaml";

    /// <summary>The most entries one file may hold: as many as one export writes.</summary>
    public const int MaxEntries = ExceptionQueries.MaxListed;

    /// <summary>2 MiB (a typical entry is about 0.5 KiB); root → exceptions → entry → policies is 4 levels deep.</summary>
    public static YamlLimits Limits { get; } = new(MaxBytes: 2 * 1024 * 1024, MaxDepth: 4, MaxNodes: 100_000);

    /// <summary>The exceptions as one YAML document, sorted by cluster (all clusters first), scope, policies and end.</summary>
    /// <param name="exceptions">What to write (the caller chooses: approved and unexpired).</param>
    /// <param name="exportedAt">Written in the header comment.</param>
    /// <param name="truncated">True when the list was cut at its limit, so more may exist; the header says so.</param>
    public static string Write(IEnumerable<ExceptionView> exceptions, DateTimeOffset exportedAt, bool truncated = false)
    {
        ArgumentNullException.ThrowIfNull(exceptions);
        var sorted = exceptions
            .OrderBy(e => e.ClusterId is null ? 0 : 1).ThenBy(e => e.ClusterId is null ? "" : e.ClusterName, StringComparer.Ordinal)
            .ThenBy(e => e.Namespace ?? "", StringComparer.Ordinal).ThenBy(e => e.Kind ?? "", StringComparer.Ordinal)
            .ThenBy(e => e.Name ?? "", StringComparer.Ordinal).ThenBy(e => e.Container ?? "", StringComparer.Ordinal)
            .ThenBy(e => e.Image ?? "", StringComparer.Ordinal).ThenBy(e => string.Join(",", e.Policies), StringComparer.Ordinal)
            .ThenBy(e => e.ExpiresAt).ThenBy(e => e.Id)
            .ToList();

        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        writer.WriteLine($"# KubeAdvisor exceptions: {sorted.Count} approved and not expired on {exportedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC.");
        if (truncated)
        {
            writer.WriteLine($"# At most {sorted.Count} are exported at once (the newest requests); more may be approved.");
        }

        writer.WriteLine("# Import with POST /api/v1/exceptions/import (Admin). Format: docs/exceptions.md.");
        var emitter = new Emitter(writer);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Block));
        Pair(emitter, "apiVersion", ApiVersion);
        Pair(emitter, "kind", Kind);
        Text(emitter, "exceptions");
        emitter.Emit(new SequenceStart(null, null, isImplicit: true, sorted.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
        foreach (var e in sorted)
        {
            emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Block));
            if (e.ClusterId is null)
            {
                Text(emitter, "allClusters");
                emitter.Emit(new YamlDotNet.Core.Events.Scalar(null, null, "true", ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
            }
            else
            {
                Pair(emitter, "cluster", e.ClusterName);
            }

            emitter.Emit(new Comment(Provenance(e), isInline: true));
            Pair(emitter, "namespace", e.Namespace);
            Pair(emitter, "kind", e.Kind);
            Pair(emitter, "name", e.Name);
            Pair(emitter, "container", e.Container);
            Pair(emitter, "image", e.Image);
            Text(emitter, "policies");
            emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Block));
            foreach (var policy in e.Policies)
            {
                Text(emitter, policy);
            }

            emitter.Emit(new SequenceEnd());
            Pair(emitter, "reason", e.Reason);
            Pair(emitter, "ticketUrl", e.TicketUrl);
            Pair(emitter, "expiresAt", FormatMoment(e.ExpiresAt));
            emitter.Emit(new MappingEnd());
        }

        emitter.Emit(new SequenceEnd());
        emitter.Emit(new MappingEnd());
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    /// <summary>ISO 8601 in UTC with only the fractional digits needed, e.g. <c>2027-01-31T00:00:00Z</c>.</summary>
    public static string FormatMoment(DateTimeOffset moment) =>
        moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static string Provenance(ExceptionView e) =>
        OneLine($"requested by {e.RequestedBy} on {e.RequestedAt.UtcDateTime:yyyy-MM-dd}, approved by {e.DecidedBy ?? "?"}"
            + (e.DecidedAt is { } at ? $" on {at.UtcDateTime:yyyy-MM-dd}" : ""));

    private static string OneLine(string text) => new(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray());

    private static void Pair(IEmitter emitter, string key, string? value)
    {
        if (value is null)
        {
            return;
        }

        Text(emitter, key);
        Text(emitter, value);
    }

    private static void Text(IEmitter emitter, string value) => YamlJson.Text(emitter, value);
}
