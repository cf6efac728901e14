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
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            if (IsDirectionControl(c))
            {
                throw DomainException.Invalid(ProblemCodes.TextInvalid, "Text cannot contain direction-override characters (they make it read differently from what was written).");
            }

            if (c is '\n' or '\r' or '\t')
            {
                builder.Append(' ');
            }
            else if (!char.IsControl(c) && !IsInvisibleSpacer(c))
            {
                builder.Append(c);
                visible |= !char.IsWhiteSpace(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format;
            }
        }

        return visible ? builder.ToString().Trim() : "";
    }

    private static bool IsDirectionControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    private static bool IsInvisibleSpacer(char c) => c is '\u200B' or '\u2060' or '\uFEFF' or '\u180E' or '\u2061' or '\u2062' or '\u2063' or '\u2064';
}
