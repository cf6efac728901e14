using System.Globalization;

namespace LiveShop.Shared.Localization;

/// <summary>
/// The languages LiveShop speaks, by the BCP 47 tag used everywhere (resource files, <c>&lt;html lang&gt;</c>,
/// the culture cookie, the profile): en, zh-TW (Traditional, Taiwan's words), zh-CN (Simplified, the
/// mainland's words) and el. <see cref="Match"/> maps what browsers send (zh-Hant-HK, el-GR, en-GB …) onto them.
/// </summary>
public static class Languages
{
    public const string English = "en";
    public const string TraditionalChinese = "zh-TW";
    public const string SimplifiedChinese = "zh-CN";
    public const string Greek = "el";

    /// <summary>
    /// The pseudo-language: English text wrapped in <see cref="PseudoOpen"/> … <see cref="PseudoClose"/>, so a test can
    /// see any visible text that did not come from a resource. Offered only where <c>Localization:Pseudo</c> is on.
    /// </summary>
    public const string Pseudo = "qps-ploc";

    public const string PseudoOpen = "⟦";
    public const string PseudoClose = "⟧";

    public const string Default = English;

    /// <summary>The four languages in the order the picker lists them.</summary>
    public static readonly IReadOnlyList<string> Supported = [English, TraditionalChinese, SimplifiedChinese, Greek];

    /// <summary>Each language's name in itself, as the picker shows it.</summary>
    public static string NativeName(string language) => language switch
    {
        English => "English",
        TraditionalChinese => "繁體中文",
        SimplifiedChinese => "简体中文",
        Greek => "Ελληνικά",
        Pseudo => PseudoOpen + "Pseudo" + PseudoClose,
        _ => language,
    };

    /// <summary>
    /// The supported language a tag asks for, or null: zh-TW, zh-HK, zh-MO and any zh-Hant → zh-TW; zh, zh-CN, zh-SG and
    /// any zh-Hans → zh-CN; el-* → el; en-* → en. Case does not matter.
    /// </summary>
    public static string? Match(string? tag, bool allowPseudo = false)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        var parts = tag.Trim().Replace('_', '-').Split('-', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return null;
        }

        var primary = parts[0].ToLowerInvariant();
        var rest = parts.Skip(1).Select(p => p.ToLowerInvariant()).ToArray();
        return primary switch
        {
            "en" => English,
            "el" => Greek,
            "zh" when rest.Contains("hant") || rest.Contains("tw") || rest.Contains("hk") || rest.Contains("mo") => TraditionalChinese,
            "zh" => SimplifiedChinese,
            "qps" when allowPseudo && rest.Contains("ploc") => Pseudo,
            _ => null,
        };
    }

    /// <summary>Whether the current UI culture is the pseudo-language.</summary>
    public static bool IsPseudo(CultureInfo culture) => string.Equals(culture.Name, Pseudo, StringComparison.OrdinalIgnoreCase);
}
