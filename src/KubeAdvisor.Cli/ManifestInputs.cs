using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Kubernetes.Manifests;

namespace KubeAdvisor.Cli;

/// <summary>
/// The manifests a scan reads: named files, folders walked recursively (*.yaml, *.yml, *.json; hidden folders such as
/// .git skipped) in ordinal path order, and stdin. Files are named relative to the working directory with forward
/// slashes, so reports hold no absolute paths. Each file is refused above <see cref="ManifestReader.Limits"/> before it is read.
/// </summary>
internal static class ManifestInputs
{
    public const string StdinName = "<stdin>";
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    /// <summary>
    /// Reads every input into <paramref name="builder"/> file by file, and returns every object (without its JSON, which
    /// is dropped once read, so memory stays at the inventory's size) and the errors (each "file:line: reason").
    /// </summary>
    public static (List<ManifestObject> Objects, List<string> Errors, int Files) Read(IReadOnlyList<string> paths, CliConsole console, InventoryBuilder builder)
    {
        var objects = new List<ManifestObject>();
        var errors = new List<string>();
        var files = 0;
        var buffer = Array.Empty<byte>(); // one buffer for every file: large files would each be a new large-object allocation
        foreach (var (name, full) in Expand(paths, console.WorkingDirectory))
        {
            files++;
            try
            {
                ReadOnlySpan<byte> content;
                if (full is null)
                {
                    content = ReadStdin(console.Stdin);
                }
                else
                {
                    var length = ReadFile(full, name, ref buffer);
                    content = buffer.AsSpan(0, length);
                }

                var json = full is null ? ManifestReader.LooksLikeJson(content) : name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
                var read = ManifestReader.Read(content, name, json, uidPrefix: $"kubeadvisor-cli:{files}:");
                ManifestLoader.AddTo(builder, read);
                objects.AddRange(read.Select(o => o with { Json = [] }));
            }
            catch (ManifestException e)
            {
                errors.Add(e.Message);
            }
        }

        return (objects, errors, files);
    }

    private static IEnumerable<(string Name, string? Full)> Expand(IReadOnlyList<string> paths, string workingDirectory)
    {
        foreach (var path in paths)
        {
            if (path == "-")
            {
                yield return (StdinName, null);
                continue;
            }

            var full = Path.GetFullPath(path, workingDirectory);
            if (File.Exists(full))
            {
                yield return (Display(full, workingDirectory), full);
            }
            else if (Directory.Exists(full))
            {
                foreach (var file in Walk(full).Select(f => (Name: Display(f, workingDirectory), Full: f)).OrderBy(f => f.Name, StringComparer.Ordinal))
                {
                    yield return file;
                }
            }
            else
            {
                throw new UsageException($"{path}: no such file or folder.");
            }
        }
    }

    private static IEnumerable<string> Walk(string folder)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var file in Directory.EnumerateFiles(folder, "*", options))
        {
            if (Extensions.Any(e => file.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            {
                yield return file;
            }
        }

        // Symbolic links to folders are not followed (a loop would never end).
        foreach (var sub in Directory.EnumerateDirectories(folder, "*", options))
        {
            if (!Path.GetFileName(sub).StartsWith('.'))
            {
                foreach (var file in Walk(sub))
                {
                    yield return file;
                }
            }
        }
    }

    private static string Display(string full, string workingDirectory)
    {
        var relative = Path.GetRelativePath(workingDirectory, full);
        return (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative).Replace('\\', '/');
    }

    // Reads the file into buffer (grown when needed) and returns its length.
    private static int ReadFile(string full, string name, ref byte[] buffer)
    {
        using var handle = File.OpenHandle(full);
        var length = RandomAccess.GetLength(handle);
        if (length > ManifestReader.Limits.MaxBytes)
        {
            throw new ManifestException(name, 0, $"is {length / 1024 / 1024} MiB; at most {ManifestReader.Limits.MaxBytes / 1024 / 1024} MiB per file is read.");
        }

        if (buffer.Length < length)
        {
            buffer = new byte[Math.Max(length, 64 * 1024)];
        }

        var read = 0;
        for (int n; read < length && (n = RandomAccess.Read(handle, buffer.AsSpan(read, (int)length - read), read)) > 0;)
        {
            read += n;
        }

        return read;
    }

    // Reads at most one byte past the limit, so a stream of any size is refused without being held in memory.
    private static byte[] ReadStdin(Stream stdin)
    {
        var max = ManifestReader.Limits.MaxBytes;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = stdin.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > max)
            {
                throw new ManifestException(StdinName, 0, $"is larger than {max / 1024 / 1024} MiB, the most read from one input.");
            }
        }

        return buffer.ToArray();
    }
}
