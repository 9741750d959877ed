using System.Globalization;
using MudBlazor;

namespace KubeAdvisor.Web.Features.Compliance;

/// <summary>How the compliance pages word and colour a result.</summary>
public static class ComplianceText
{
    /// <summary>"71% of 13 assessed controls pass (62% a month before)", or why there is no share.</summary>
    public static string Share(FrameworkResult f)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (f.Share is not { } share)
        {
            return "not assessed";
        }

        var text = string.Create(CultureInfo.InvariantCulture, $"{share:0.#}% of {f.Passing + f.Failing} assessed controls pass");
        if (f.ShareBefore is { } before)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" ({before:0.#}% a month before)");
        }

        return f.NotAssessed > 0 ? text + $"; {f.NotAssessed} not assessed" : text;
    }

    /// <summary>"62% → 71%" when there is a comparison, else "71%"; "—" when not assessed.</summary>
    public static string Trend(FrameworkResult f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return f.Share is not { } share ? "—"
            : f.ShareBefore is { } before ? string.Create(CultureInfo.InvariantCulture, $"{before:0.#}% → {share:0.#}%")
            : string.Create(CultureInfo.InvariantCulture, $"{share:0.#}%");
    }

    public static string Status(ControlStatus status) => status switch
    {
        ControlStatus.Pass => "pass",
        ControlStatus.Fail => "fail",
        _ => "not assessed",
    };

    public static Color Color(ControlStatus status) => status switch
    {
        ControlStatus.Pass => MudBlazor.Color.Success,
        ControlStatus.Fail => MudBlazor.Color.Error,
        _ => MudBlazor.Color.Default,
    };
}
