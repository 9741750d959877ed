using System.Buffers;
using System.Text.Json;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Kubernetes.Yaml;

namespace KubeAdvisor.Kubernetes.Manifests;

/// <summary>
/// Turns the events of one manifest file (from YAML's event parser or JSON's token reader; neither recurses) into
/// one JSON text per Kubernetes object, remembering the lines of each object's <c>kind:</c> and each container's
/// <c>image:</c>. Bounds depth, node and document counts as it goes (<see cref="YamlLimits"/>), so nothing after it
/// sees an input deeper than the item readers accept. A document whose kind ends in <c>List</c> gives its items.
/// </summary>
internal sealed partial class ManifestWalker
{
    private readonly string _file;
    private readonly YamlLimits _limits;
    private readonly string? _uidPrefix;
    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private readonly Utf8JsonWriter _writer;
    private readonly List<Frame> _stack = [];
    private readonly List<ObjectInfo> _items = [];
    private ObjectInfo? _root;
    private int _nodes;
    private int _documents;
    private int _uids;

    public ManifestWalker(string file, YamlLimits limits, string? uidPrefix)
    {
        _file = file;
        _limits = limits;
        _uidPrefix = uidPrefix;
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true, MaxDepth = limits.MaxDepth + 1 });
    }

    /// <summary>The objects read so far, in source order.</summary>
    public List<ManifestObject> Objects { get; } = [];

    /// <summary>True when the next scalar is a mapping key.</summary>
    public bool ExpectsKey => _stack.Count > 0 && _stack[^1] is { Mapping: true, Key: null };

    public ManifestException Error(int line, string message) => new(_file, line, message);

    public void StartDocument(int line)
    {
        if (++_documents > _limits.MaxDocuments)
        {
            throw Error(line, $"more than {_limits.MaxDocuments} documents in one file.");
        }

        _stack.Clear();
        _items.Clear();
        _root = null;
        _buffer.Clear();
        _writer.Reset(_buffer);
    }

    public void StartMapping(int line)
    {
        var parent = Begin(line);
        var frame = new Frame(mapping: true, name: parent?.Key, line);
        if (parent is null)
        {
            frame.Object = _root = new ObjectInfo(line, 0);
        }
        else if (_stack.Count == 2 && parent is { Mapping: false, Name: "items" })
        {
            _writer.Flush();
            frame.Object = new ObjectInfo(line, _buffer.WrittenCount);
            _items.Add(frame.Object);
        }
        else if (!parent.Mapping && ContainerTypeOf(parent.Name) is { } type && NearestObject() is { } owner)
        {
            frame.Container = new ContainerInfo(type, line);
            owner.Containers.Add(frame.Container);
        }
        else if (parent is { Mapping: true, Key: "metadata", Object: not null })
        {
            frame.Metadata = parent.Object;
        }

        Push(frame, line);
        _writer.WriteStartObject();
    }

    public void EndMapping()
    {
        var frame = _stack[^1];
        if (frame.Metadata is { Uid: null } obj && _uidPrefix is not null)
        {
            obj.Uid = $"{_uidPrefix}{++_uids}";
            _writer.WriteString("uid"u8, obj.Uid);
        }

        _stack.RemoveAt(_stack.Count - 1);
        _writer.WriteEndObject();
        if (frame.Object is { } item && !ReferenceEquals(item, _root))
        {
            _writer.Flush();
            item.End = _buffer.WrittenCount;
        }

        End();
    }

    public void StartSequence(int line)
    {
        var parent = Begin(line);
        Push(new Frame(mapping: false, name: parent?.Key, line), line);
        _writer.WriteStartArray();
    }

    public void EndSequence()
    {
        _stack.RemoveAt(_stack.Count - 1);
        _writer.WriteEndArray();
        End();
    }

    public void Key(string name, int line)
    {
        Count(line);
        var frame = _stack[^1];
        frame.Key = name;
        _writer.WritePropertyName(name);
        if (frame.Object is { } obj && name == "kind")
        {
            obj.KindLine = line;
        }
        else if (frame.Container is { } container && name == "image")
        {
            container.ImageLine = line;
        }
    }

    public void String(string value, int line)
    {
        var parent = Begin(line);
        _writer.WriteStringValue(value);
        switch (parent)
        {
            case { Object: { } obj, Key: "apiVersion" }:
                obj.ApiVersion = value;
                break;
            case { Object: { } obj, Key: "kind" }:
                obj.Kind = value;
                break;
            case { Metadata: { } obj, Key: "name" }:
                obj.Name = value;
                break;
            case { Metadata: { } obj, Key: "namespace" }:
                obj.Namespace = value;
                break;
            case { Metadata: { } obj, Key: "uid" }:
                obj.Uid = value;
                break;
            case { Container: { } container, Key: "name" }:
                container.Name = value;
                break;
        }

        End();
    }

    /// <summary>A number already in JSON's grammar.</summary>
    public void Number(ReadOnlySpan<byte> utf8, int line)
    {
        Begin(line);
        _writer.WriteRawValue(utf8, skipInputValidation: true);
        End();
    }

    public void Number(decimal value, int line)
    {
        Begin(line);
        _writer.WriteNumberValue(value);
        End();
    }

    public void Bool(bool value, int line)
    {
        Begin(line);
        _writer.WriteBooleanValue(value);
        End();
    }

    public void Null(int line)
    {
        Begin(line);
        _writer.WriteNullValue();
        End();
    }

    public void EndDocument()
    {
        _writer.Flush();
        if (_root is not { ApiVersion: not null, Kind: not null } root)
        {
            return;
        }

        var written = _buffer.WrittenSpan;
        if (root.Kind.EndsWith("List", StringComparison.Ordinal) && _items.Count > 0)
        {
            foreach (var item in _items)
            {
                var slice = written[item.Start..item.End];
                Emit(item, slice[slice.IndexOf((byte)'{')..]);
            }
        }
        else
        {
            Emit(root, written);
        }
    }

    private void Emit(ObjectInfo obj, ReadOnlySpan<byte> json)
    {
        if (obj.ApiVersion is null || obj.Kind is null)
        {
            return;
        }

        var containers = obj.Containers.Select(c => new ManifestContainer(c.Type, c.Name, c.ImageLine ?? c.Line)).ToArray();
        Objects.Add(new ManifestObject(_file, obj.KindLine ?? obj.Line, obj.ApiVersion, obj.Kind, obj.Namespace, obj.Name, obj.Uid, json.ToArray(), containers));
    }

    // A value starts: counts it and returns its parent (null at the root).
    private Frame? Begin(int line)
    {
        Count(line);
        return _stack.Count == 0 ? null : _stack[^1];
    }

    // A value ended: its parent mapping expects a key again.
    private void End()
    {
        if (_stack.Count > 0 && _stack[^1].Mapping)
        {
            _stack[^1].Key = null;
        }
    }

    private void Count(int line)
    {
        if (++_nodes > _limits.MaxNodes)
        {
            throw Error(line, $"more than {_limits.MaxNodes} nodes in one file.");
        }
    }

    private void Push(Frame frame, int line)
    {
        _stack.Add(frame);
        if (_stack.Count > _limits.MaxDepth)
        {
            throw Error(line, $"nests deeper than {_limits.MaxDepth} levels.");
        }
    }

    private ObjectInfo? NearestObject()
    {
        for (var i = _stack.Count - 1; i >= 0; i--)
        {
            if (_stack[i].Object is { } obj)
            {
                return obj;
            }
        }

        return null;
    }

    private static ContainerType? ContainerTypeOf(string? key) => key switch
    {
        "containers" => ContainerType.Regular,
        "initContainers" => ContainerType.Init,
        "ephemeralContainers" => ContainerType.Ephemeral,
        _ => null,
    };
}
