using MudBlazor;

namespace LiveShop.Client.Layout;

/// <summary>The one theme: a warm live-red accent, system fonts (nothing is fetched from the internet).</summary>
/// <remarks>
/// Every accent pairing keeps WCAG AA (4.5:1) for normal text; docs/accessibility.md lists the ratios.
/// Light: white on <see cref="Accent"/> 5.2:1 (the earlier #E4405F was 4.04:1), the accent as text on white 5.2:1.
/// Dark: the lighter <see cref="DarkAccent"/> carries near-black text (5.8:1) and reads as text on the dark
/// surface (5.8:1); no single red does both with white text, so dark mode follows Material's dark-theme rule
/// (a light primary with dark "on-primary" text).
/// </remarks>
public static class LiveShopTheme
{
    public const string Accent = "#CC2A4E";

    public const string DarkAccent = "#FF5C7A";

    /// <summary>Text on <see cref="DarkAccent"/> (buttons, badges): the dark app bar's ink.</summary>
    public const string OnDarkAccent = "#1B1B1F";

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
            PrimaryContrastText = "#FFFFFF",

            // MudBlazor's defaults (#F44336, #2196F3, #00C853, #FF9800) carry white at 2–3.7:1; Material's 800 shades keep 5:1.
            Error = "#C62828",
            Info = "#1565C0",
            Success = "#2E7D32",
            Warning = "#B45309",
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
            Primary = DarkAccent,
            PrimaryContrastText = OnDarkAccent,

            // Light tones with dark text in dark mode (7–10:1), readable as text on the dark surface too.
            Error = "#FF8A80",
            ErrorContrastText = OnDarkAccent,
            Info = "#64B5F6",
            InfoContrastText = OnDarkAccent,
            Success = "#66BB6A",
            SuccessContrastText = OnDarkAccent,
            Warning = "#FFB74D",
            WarningContrastText = OnDarkAccent,
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
