namespace KubeAdvisor.Core.Tests.Images;

/// <summary>
/// The reference table: expected parse and the verdict of each image policy. Verdict letters, in this order:
/// image-tag-missing, image-tag-latest, image-reference-invalid, image-tag-floating, image-digest-required,
/// image-registry-allowed, image-pull-policy-mutable (pull policy unset, so the Kubernetes default applies).
/// P pass, F fail, S skip (exempt by parameter), - not applicable. Settings: <see cref="VerdictSettings"/>.
/// </summary>
internal static class ImageCases
{
    public const string Sha = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    public static readonly string[] PolicyOrder =
    [
        "image-tag-missing", "image-tag-latest", "image-reference-invalid", "image-tag-floating",
        "image-digest-required", "image-registry-allowed", "image-pull-policy-mutable",
    ];

    public static readonly string[] AllowedRegistries = ["docker.io/library", "registry.internal:5000", "ghcr.io/acme", "[::1]:5000"];

    public static readonly string[] DigestExemptRegistries = ["registry.k8s.io"];

    private const string Invalid = "--F----";

    // image, registry, repository, tag, digest, verdicts
    public static readonly (string Image, string? Registry, string? Repository, string? Tag, string? Digest, string Verdicts)[] All =
    [
        ("nginx", null, "nginx", null, null, "FPPPFPP"),
        ("nginx:latest", null, "nginx", "latest", null, "PFPPFPP"),
        ("nginx:1.27.3", null, "nginx", "1.27.3", null, "PPPPFPF"),
        ("nginx:LATEST", null, "nginx", "LATEST", null, "PFPPFPF"),
        ("nginx:Latest", null, "nginx", "Latest", null, "PFPPFPF"),
        ("nginx@" + Sha, null, "nginx", null, Sha, "PPPPPPP"),
        ("nginx:latest@" + Sha, null, "nginx", "latest", Sha, "PPPPPPP"),
        ("nginx:nightly@" + Sha, null, "nginx", "nightly", Sha, "PPPPPPP"),
        ("nginx:nightly", null, "nginx", "nightly", null, "PPPFFPF"),
        ("nginx:Canary", null, "nginx", "Canary", null, "PPPFFPF"),
        ("nginx:stable-alpine", null, "nginx", "stable-alpine", null, "PPPPFPF"),
        ("library/nginx:1.0", null, "library/nginx", "1.0", null, "PPPPFPF"),
        ("docker.io/library/nginx:1.0", "docker.io", "library/nginx", "1.0", null, "PPPPFPF"),
        ("docker.io/nginx:1.0", "docker.io", "nginx", "1.0", null, "PPPPFPF"),
        ("index.docker.io/library/nginx:1.0", "index.docker.io", "library/nginx", "1.0", null, "PPPPFPF"),
        ("bitnami/redis:7.2", null, "bitnami/redis", "7.2", null, "PPPPFFF"),
        ("docker.io/library-evil/x:1.0", "docker.io", "library-evil/x", "1.0", null, "PPPPFFF"),
        ("localhost:5000/app", "localhost:5000", "app", null, null, "FPPPFFP"),
        ("localhost/app:1.0", "localhost", "app", "1.0", null, "PPPPFFF"),
        ("localhost:5000", null, "localhost", "5000", null, "PPPPFPF"),
        ("registry.internal:5000/api", "registry.internal:5000", "api", null, null, "FPPPFPP"),
        ("registry.internal:5000/team/api:1.4.2", "registry.internal:5000", "team/api", "1.4.2", null, "PPPPFPF"),
        ("registry.internal:5000/api:latest", "registry.internal:5000", "api", "latest", null, "PFPPFPP"),
        ("registry.internal:5000/api:1.0@" + Sha, "registry.internal:5000", "api", "1.0", Sha, "PPPPPPP"),
        ("[::1]:5000/app", "[::1]:5000", "app", null, null, "FPPPFPP"),
        ("[::1]:5000/app:v1", "[::1]:5000", "app", "v1", null, "PPPPFPF"),
        ("[fe80::1]/app:1.0", "[fe80::1]", "app", "1.0", null, "PPPPFFF"),
        ("registry.k8s.io/pause:3.9", "registry.k8s.io", "pause", "3.9", null, "PPPPSFF"),
        ("registry.k8s.io/pause", "registry.k8s.io", "pause", null, null, "FPPPSFP"),
        ("ghcr.io/acme/tools/cli:2.0", "ghcr.io", "acme/tools/cli", "2.0", null, "PPPPFPF"),
        ("ghcr.io/acme-corp/cli:2.0", "ghcr.io", "acme-corp/cli", "2.0", null, "PPPPFFF"),
        ("quay.io/org/app_name:1.0", "quay.io", "org/app_name", "1.0", null, "PPPPFFF"),
        ("quay.io/org/app__name:1.0", "quay.io", "org/app__name", "1.0", null, "PPPPFFF"),
        ("quay.io/org/app---name:1.0", "quay.io", "org/app---name", "1.0", null, "PPPPFFF"),
        ("quay.io/org/app.name:_1.0-rc.1", "quay.io", "org/app.name", "_1.0-rc.1", null, "PPPPFFF"),
        ("Example.com/app:1.0", "Example.com", "app", "1.0", null, "PPPPFFF"),
        ("UPPER/app:1", "UPPER", "app", "1", null, "PPPPFFF"),
        ("a", null, "a", null, null, "FPPPFPP"),
        ("nginx@sha512:" + new string('a', 128), null, "nginx", null, "sha512:" + new string('a', 128), "PPPPPPP"),
        ("nginx:" + new string('t', 128), null, "nginx", new string('t', 128), null, "PPPPFPF"),
        ("nginx:", null, null, null, null, Invalid),
        ("Nginx:1.0", null, null, null, null, Invalid),
        ("example.com/My/app:1.0", null, null, null, null, Invalid),
        ("app@sha256:abc", null, null, null, null, Invalid),
        ("a:b:c", null, null, null, null, Invalid),
        ("", null, null, null, null, Invalid),
        (" nginx", null, null, null, null, Invalid),
        ("nginx:1.0 ", null, null, null, null, Invalid),
        ("nginx:1.0@", null, null, null, null, Invalid),
        ("nginx@sha256:" + new string('A', 64), null, null, null, null, Invalid),
        ("nginx@sha256:" + new string('a', 63), null, null, null, null, Invalid),
        ("nginx@md5:" + new string('a', 32), null, null, null, null, Invalid),
        ("nginx@@" + Sha, null, null, null, null, Invalid),
        ("nginx:-1", null, null, null, null, Invalid),
        ("nginx:" + new string('t', 129), null, null, null, null, Invalid),
        ("app..name:1", null, null, null, null, Invalid),
        ("-app:1", null, null, null, null, Invalid),
        ("app-:1", null, null, null, null, Invalid),
        ("app/:1", null, null, null, null, Invalid),
        ("a//b", null, null, null, null, Invalid),
        ("localhost:/app", null, null, null, null, Invalid),
        ("host.io:abc/app", null, null, null, null, Invalid),
        ("[::1/app", null, null, null, null, Invalid),
        ("[zz::1]:5000/app", null, null, null, null, Invalid),
        ("-bad.io/app", null, null, null, null, Invalid),
        ("ng inx:1", null, null, null, null, Invalid),
        (new string('0', 64), null, null, null, null, Invalid),
        (":1.0", null, null, null, null, Invalid),
    ];

    public static IEnumerable<object?[]> Rows() =>
        All.Select(c => new object?[] { c.Image, c.Registry, c.Repository, c.Tag, c.Digest, c.Verdicts });
}
