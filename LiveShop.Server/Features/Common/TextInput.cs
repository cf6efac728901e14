using System.Globalization;
using System.Text;
using LiveShop.Shared;

namespace LiveShop.Server.Features.Common;

/// <summary>
/// What people type for others to read (chat, questions, answers, display names, announcements): Unicode
/// NFC, line breaks and tabs turned into spaces, control characters and invisible spacers (zero-width
/// space, word joiner, BOM, Mongolian vowel separator) dropped, and trimmed. Text that is nothing but
/// invisible characters comes back empty (so the caller refuses it as empty); direction overrides and
/// isolates (U+202A–U+202E, U+2066–U+2069), which make a line read differently from what was stored,
/// are refused. Joiners inside text (emoji sequences, Persian) are kept.
/// </summary>
public static class TextInput
{
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        var visible = false;

        // By code point, so characters outside the basic plane (tag characters, musical formatting) are judged too.
        foreach (var rune in text.Normalize(NormalizationForm.FormC).EnumerateRunes())
        {
            if (IsDirectionControl(rune.Value))
            {
                throw DomainException.Invalid(ProblemCodes.TextInvalid, "Text cannot contain direction-override characters (they make it read differently from what was written).");
            }

            if (rune.Value is '\n' or '\r' or '\t')
            {
                builder.Append(' ');
            }
            else if (!Rune.IsControl(rune) && !IsInvisibleSpacer(rune.Value))
            {
                builder.Append(rune.ToString());
                visible |= !Rune.IsWhiteSpace(rune) && Rune.GetUnicodeCategory(rune) != UnicodeCategory.Format && !IsBlankLetter(rune.Value);
            }
        }

        return visible ? builder.ToString().Trim() : "";
    }

    private static bool IsDirectionControl(int c) => c is >= 0x202A and <= 0x202E or >= 0x2066 and <= 0x2069;

    /// <summary>Zero-width space, word joiner, invisible operators, BOM, Mongolian vowel separator: dropped wherever they are.</summary>
    private static bool IsInvisibleSpacer(int c) => c is 0x200B or (>= 0x2060 and <= 0x2064) or 0xFEFF or 0x180E;

    /// <summary>Letters and symbols that draw nothing (Hangul fillers, the blank Braille pattern): kept, but not visible on their own.</summary>
    private static bool IsBlankLetter(int c) => c is 0x3164 or 0x115F or 0x1160 or 0xFFA0 or 0x2800;
}
