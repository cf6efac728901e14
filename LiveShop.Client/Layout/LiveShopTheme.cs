using MudBlazor;

namespace LiveShop.Client.Layout;

/// <summary>The one theme: a warm live-red accent, system fonts (nothing is fetched from the internet).</summary>
public static class LiveShopTheme
{
    public const string Accent = "#E4405F";

    private static readonly string[] FontStack =
    [
        "system-ui", "-apple-system", "Segoe UI", "Roboto", "Noto Sans", "Noto Sans CJK TC", "Noto Sans CJK SC",
        "PingFang TC", "Microsoft JhengHei", "Helvetica Neue", "Arial", "sans-serif",
    ];

    public static MudTheme Create() => new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = Accent,
            Secondary = "#6B4EFF",
            Tertiary = "#FFB020",
            AppbarBackground = "#FFFFFF",
            AppbarText = "#1B1B1F",
            Background = "#F7F7FA",
            Surface = "#FFFFFF",
            TextPrimary = "#1B1B1F",
            TextSecondary = "#5F5F6B",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#FF5C7A",
            Secondary = "#9C8BFF",
            Tertiary = "#FFC24D",
            AppbarBackground = "#16161B",
            AppbarText = "#F3F3F6",
            Background = "#0E0E12",
            Surface = "#1B1B22",
            DrawerBackground = "#16161B",
            TextPrimary = "#F3F3F6",
            TextSecondary = "#B4B4C0",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontStack },
            H1 = new H1Typography { FontFamily = FontStack },
            H2 = new H2Typography { FontFamily = FontStack },
            H3 = new H3Typography { FontFamily = FontStack },
            H4 = new H4Typography { FontFamily = FontStack, FontWeight = "700" },
            H5 = new H5Typography { FontFamily = FontStack, FontWeight = "700" },
            H6 = new H6Typography { FontFamily = FontStack, FontWeight = "600" },
            Button = new ButtonTypography { FontFamily = FontStack, FontWeight = "600", TextTransform = "none" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "10px" },
    };
}
