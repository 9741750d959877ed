using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Core.Tests.Inventory;

/// <summary>Small factories for inventory objects in builder tests.</summary>
internal static class InventoryObjects
{
    private static readonly Dictionary<string, string> None = [];

    public static PodTemplate Template(string image, string container = "app") =>
        new(None, None, new PodSpec([], [Container(container, image)], [], false, false, false, null, null, null, []));

    public static Container Container(string name, string image) =>
        new(name, ContainerType.Regular, image, null, null, ResourceRequirements.None, false, false, [], []);

    public static OwnerReference Controller(string kind, string name, string uid) => new(kind, name, uid, true);

    public static KubeObject Obj(
        string kind, string name, string uid, string image = "nginx:1.25", int? replicas = null, OwnerReference? owner = null) =>
        new(kind, "shop", name, uid, None, None, owner is null ? [] : [owner], Template(image), replicas, []);

    public static KubeObject Pod(
        string name, string uid, OwnerReference? owner, string imageId = "", string revision = "", string image = "nginx:1.25")
    {
        var labels = revision.Length == 0 ? None : new Dictionary<string, string> { ["pod-template-hash"] = revision };
        var template = new PodTemplate(labels, None, Template(image).Spec);
        return new KubeObject("Pod", "shop", name, uid, labels, None, owner is null ? [] : [owner], template, null,
            [new ContainerStatus("app", ContainerType.Regular, image, imageId)]);
    }

    public static string Sha(char c) => "sha256:" + new string(c, 64);
}
