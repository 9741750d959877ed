using MudBlazor;

namespace KubeAdvisor.Web.Components.Layout;

/// <summary>The one theme: system fonts only (the app must work offline, so no web fonts).</summary>
public static class KubeAdvisorTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight { Primary = "#326ce5", AppbarBackground = "#326ce5" },
        PaletteDark = new PaletteDark { Primary = "#6b9bff" },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
    };
}
