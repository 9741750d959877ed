using KubeAdvisor.Core.Images;

namespace KubeAdvisor.Core.Policies;

/// <summary>The rules behind <see cref="ClusterPolicySettings.Validate"/>.</summary>
internal static class ClusterPolicySettingsValidator
{
    public static IReadOnlyList<string> Validate(ClusterPolicySettings settings)
    {
        var errors = new List<string>();
        foreach (var (id, policy) in settings.Policies)
        {
            if (PolicyCatalog.Find(id) is null)
            {
                errors.Add($"Unknown policy id '{id}'.");
            }

            foreach (var glob in policy?.ExemptImages ?? [])
            {
                if (string.IsNullOrWhiteSpace(glob) || glob.Any(char.IsWhiteSpace))
                {
                    errors.Add($"Policy '{id}': image exemption '{glob}' must be a non-empty pattern without spaces.");
                }
            }

            if (policy?.Severity is { } severity && !Enum.IsDefined(severity))
            {
                errors.Add($"Policy '{id}': severity {(int)severity} is not a valid severity.");
            }
        }

        if (!Enum.IsDefined(settings.ExemptAnnotations))
        {
            errors.Add($"Annotation mode {(int)settings.ExemptAnnotations} is not one of allow, require-reason, ignore.");
        }

        var packs = PolicyCatalog.All.Select(p => p.Descriptor.Pack).ToHashSet(StringComparer.Ordinal);
        errors.AddRange(settings.Packs.Keys.Where(k => !packs.Contains(k)).Select(k => $"Unknown policy pack '{k}'."));

        foreach (var ns in settings.ExcludedNamespaces)
        {
            if (!IsDnsLabel(ns))
            {
                errors.Add($"Excluded namespace '{ns}' is not a valid namespace name (lowercase letters, digits, '-', at most 63).");
            }
        }

        foreach (var tag in settings.FloatingTags)
        {
            if (ReferenceGrammar.CheckTag(tag ?? string.Empty) is { } reason)
            {
                errors.Add($"Floating tag '{tag}' is not a valid tag: {reason}.");
            }
        }

        CheckPrefixes(settings.AllowedRegistries, "Allowed registry", errors);
        CheckPrefixes(settings.DigestExemptRegistries, "Digest-exempt registry", errors);

        CheckWorkloadPatterns(settings.AutomountAllowedWorkloads, errors);

        foreach (var entry in settings.ResourceRanges)
        {
            if (Efficiency.ResourceRange.Parse(entry).Error is { } reason)
            {
                errors.Add($"Resource range '{entry}' is not valid: {reason}.");
            }
        }

        foreach (var entry in settings.RbacAllowedSubjects)
        {
            if (!IsSubjectPattern(entry))
            {
                errors.Add($"RBAC subject '{entry}' must be User:name, Group:name or ServiceAccount:namespace/name (globs allowed), without spaces.");
            }
        }

        var allowed = PolicyCatalog.Find("image-registry-allowed");
        if (allowed is not null && settings.IsEnabled(allowed.Descriptor) && settings.AllowedRegistries.Count == 0)
        {
            errors.Add("image-registry-allowed is enabled but no registry is allowed: every image would fail.");
        }

        return errors;
    }

    private static bool IsSubjectPattern(string? entry) =>
        entry is { Length: > 0 and <= 512 } && !entry.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
        && (entry.StartsWith("User:", StringComparison.Ordinal) || entry.StartsWith("Group:", StringComparison.Ordinal)
            || (entry.StartsWith("ServiceAccount:", StringComparison.Ordinal) && entry.IndexOf('/', StringComparison.Ordinal) > "ServiceAccount:".Length))
        && entry[(entry.IndexOf(':', StringComparison.Ordinal) + 1)..].Length > 0;

    private static void CheckPrefixes(IReadOnlyList<string> prefixes, string label, List<string> errors)
    {
        foreach (var raw in prefixes)
        {
            var prefix = PolicyParameters.NormalizePrefix(raw ?? string.Empty);
            if (prefix.Length == 0)
            {
                errors.Add($"{label} prefix must not be empty.");
                continue;
            }

            if (prefix.Contains("://", StringComparison.Ordinal) || prefix.Any(char.IsWhiteSpace))
            {
                errors.Add($"{label} prefix '{raw}' must be a registry host and optional path, without scheme or spaces.");
                continue;
            }

            var slash = prefix.IndexOf('/');
            var host = slash < 0 ? prefix.AsSpan() : prefix.AsSpan(0, slash);
            if (!ReferenceGrammar.LooksLikeRegistry(host) || ReferenceGrammar.CheckRegistry(host, out _) is not null)
            {
                errors.Add($"{label} prefix '{raw}' must start with a registry host (e.g. docker.io/library, ghcr.io/acme, registry.internal:5000).");
            }
            else if (slash >= 0 && ReferenceGrammar.CheckPath(prefix.AsSpan(slash + 1)) is { } reason)
            {
                errors.Add($"{label} prefix '{raw}': {reason}.");
            }
        }
    }

    // namespace/name, each part a DNS-1123 name that may contain the glob characters '*' and '?'.
    private static void CheckWorkloadPatterns(IReadOnlyList<string> patterns, List<string> errors)
    {
        foreach (var raw in patterns)
        {
            var pattern = (raw ?? string.Empty).Trim();
            var parts = pattern.Split('/');
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0
                || !pattern.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.' or '/' or '*' or '?'))
            {
                errors.Add($"Automount-allowed workload '{raw}' must be 'namespace/name' in lowercase, with optional globs "
                    + "('*', '?'), e.g. 'monitoring/prometheus-*'.");
            }
        }
    }

    private static bool IsDnsLabel(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 63
        && (char.IsAsciiLetterLower(value[0]) || char.IsAsciiDigit(value[0]))
        && value[^1] != '-'
        && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
