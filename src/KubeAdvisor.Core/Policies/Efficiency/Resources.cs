using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Core.Policies.Efficiency;

/// <summary>Shared rules of the resource policies.</summary>
internal static class Resources
{
    /// <summary>Init (including sidecars) and regular containers; the API forbids resources on ephemeral containers.</summary>
    public static bool Apply(in ContainerContext context) => context.Container.Type != ContainerType.Ephemeral;

    /// <summary>
    /// A quantity that is set and not zero ("0", "0m", "0Mi", "0.0" reserve or cap nothing, so they count as unset).
    /// </summary>
    public static bool IsSet(string? quantity)
    {
        if (quantity is null)
        {
            return false;
        }

        var digits = false;
        foreach (var c in quantity.AsSpan().Trim())
        {
            if (char.IsAsciiDigit(c))
            {
                if (c != '0')
                {
                    return true;
                }

                digits = true;
            }
            else if (c is not ('.' or '+'))
            {
                break; // the suffix (m, Mi, k, e3, …) starts
            }
        }

        return !digits && quantity.Trim().Length > 0; // not a number at all: the API would reject it; treat as set
    }
}
