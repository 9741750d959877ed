using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Kubernetes.Manifests;

/// <summary>The walker's bookkeeping: an open mapping or sequence, the object it belongs to, and the containers seen.</summary>
internal sealed partial class ManifestWalker
{
    private sealed class Frame(bool mapping, string? name, int line)
    {
        public bool Mapping { get; } = mapping;

        public string? Name { get; } = name;

        public int Line { get; } = line;

        public string? Key { get; set; }

        public ObjectInfo? Object { get; set; }

        public ObjectInfo? Metadata { get; set; }

        public ContainerInfo? Container { get; set; }
    }

    private sealed class ObjectInfo(int line, int start)
    {
        public int Line { get; } = line;

        public int Start { get; } = start;

        public int End { get; set; }

        public int? KindLine { get; set; }

        public string? ApiVersion { get; set; }

        public string? Kind { get; set; }

        public string? Name { get; set; }

        public string? Namespace { get; set; }

        public string? Uid { get; set; }

        public List<ContainerInfo> Containers { get; } = [];
    }

    private sealed class ContainerInfo(ContainerType type, int line)
    {
        public ContainerType Type { get; } = type;

        public int Line { get; } = line;

        public string? Name { get; set; }

        public int? ImageLine { get; set; }
    }
}
