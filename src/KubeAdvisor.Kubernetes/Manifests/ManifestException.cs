namespace KubeAdvisor.Kubernetes.Manifests;

/// <summary>A manifest that cannot be read (malformed, too large or too deep), with the file and line to fix.</summary>
public sealed class ManifestException : Exception
{
    public ManifestException()
    {
    }

    public ManifestException(string message)
        : base(message)
    {
    }

    public ManifestException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ManifestException(string file, int line, string message, Exception? inner = null)
        : base($"{file}:{line}: {message}", inner)
    {
        File = file;
        Line = line;
        Reason = message;
    }

    /// <summary>The file.</summary>
    public string File { get; } = "";

    /// <summary>The 1-based line (0 when the whole file is refused, e.g. for its size).</summary>
    public int Line { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; } = "";
}
