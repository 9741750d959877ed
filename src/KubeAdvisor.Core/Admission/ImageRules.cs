using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Core.Admission;

/// <summary>The image policies as CEL; each judges valid references only, as the evaluator does.</summary>
internal static class ImageRules
{
    private const string Valid = "variables.validImageContainers";
    private static readonly string Image = ImageCel.Of("c");

    public static IReadOnlyDictionary<string, Func<ClusterPolicySettings, CelCheck>> All { get; } =
        new Dictionary<string, Func<ClusterPolicySettings, CelCheck>>(StringComparer.Ordinal)
        {
            ["image-reference-invalid"] = _ => new(
                "variables.allContainers", $"!({ImageCel.IsValid(Image)})", "has an image that is not a valid reference"),
            ["image-tag-missing"] = _ => new(
                Valid, $"!{ImageCel.HasDigest(Image)} && !{ImageCel.HasTagNoDigest(Image)}", "has an image with neither a tag nor a digest"),
            ["image-tag-latest"] = _ => new(
                Valid, $"!{ImageCel.HasDigest(Image)} && {CelText.Matches(Image, $@":{CelText.IgnoreCase("latest")}\z")}",
                "uses the tag 'latest', which every push overwrites"),
            ["image-tag-floating"] = s => new(Valid, Floating(s), "uses a floating tag, which moves to new builds"),
            ["image-digest-required"] = s => new(
                Valid, $"!{ImageCel.HasDigest(Image)} && !({UnderAny(PolicyParameters.From(s).DigestExemptRegistries)})",
                "has an image that is not pinned by digest"),
            ["image-pull-policy-mutable"] = _ => new(Valid, PullPolicyFails(), "has a mutable image whose imagePullPolicy is not Always"),
            ["image-registry-allowed"] = s => new(
                Valid, $"!({UnderAny(PolicyParameters.From(s).AllowedRegistries)})", "has an image from a registry that is not allowed"),
        };

    private static string Floating(ClusterPolicySettings settings)
    {
        var tags = PolicyParameters.From(settings).FloatingTags.Where(t => t.Length > 0).Order(StringComparer.Ordinal).ToList();
        return tags.Count == 0
            ? "false"
            : $"!{ImageCel.HasDigest(Image)} && {CelText.Matches(Image, $":(?:{string.Join('|', tags.Select(CelText.IgnoreCase))})\\z")}";
    }

    // The effective pull policy: as written, else Kubernetes' default (Always for no tag or 'latest', compared
    // case-sensitively, IfNotPresent otherwise). Digest-pinned images pass.
    private static string PullPolicyFails()
    {
        var defaulted = $"({ImageCel.HasTagNoDigest(Image)} && !{CelText.Matches(Image, @":latest\z")} ? 'IfNotPresent' : 'Always')";
        return $"!{ImageCel.HasDigest(Image)} && (has(c.imagePullPolicy) ? c.imagePullPolicy : {defaulted}) != 'Always'";
    }

    // An empty list allows nothing (fail closed), as the evaluator does.
    private static string UnderAny(IReadOnlyList<string> prefixes) =>
        CelText.Or(prefixes.Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(p => ImageCel.NormalizedMatches(Image, new RegistryPrefixPattern(p))));
}
