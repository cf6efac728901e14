using System.Globalization;
using System.Text;
using LiveShop.Server.Features.Common;
using LiveShop.Shared;

namespace LiveShop.Server.Features.Moderation;

/// <summary>
/// A show's keyword blocklist. Words and messages are compared case-insensitively after Unicode
/// normalisation (NFKC: full-width letters match their plain form). A word written in a script with
/// spaces (Latin, Greek …) matches only as a whole word, so "ass" does not hold "class"; a word in
/// Chinese characters matches anywhere, since Chinese is written without spaces.
/// </summary>
public static class Blocklist
{
    public static string Normalise(string text) => text.Normalize(NormalizationForm.FormKC).ToLowerInvariant().Trim();

    /// <summary>The list as it will be stored: normalised, blanks and duplicates dropped; refuses words that are too long or too many.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<string?> words)
    {
        var result = new List<string>();
        foreach (var raw in words)
        {
            if (raw is null)
            {
                continue;
            }

            var word = Normalise(Live.Chat.Clean(raw));
            if (word.Length == 0 || result.Contains(word))
            {
                continue;
            }

            if (word.Length > Limits.BlocklistWordMaxLength)
            {
                throw DomainException.Invalid(ProblemCodes.BlocklistInvalid, "A blocked word or phrase can be at most {0} characters (“{1}…” is longer).", Limits.BlocklistWordMaxLength, raw.Trim()[..Math.Min(20, raw.Trim().Length)]);
            }

            result.Add(word);
        }

        if (result.Count > Limits.BlocklistMaxWords)
        {
            throw DomainException.Invalid(ProblemCodes.BlocklistInvalid, "A blocklist can hold at most {0} words (this one has {1}).", Limits.BlocklistMaxWords, result.Count);
        }

        return result;
    }

    /// <summary>The first blocked word the text contains, or null.</summary>
    public static string? FirstMatch(string text, IReadOnlyList<string> words)
    {
        if (words.Count == 0)
        {
            return null;
        }

        var normalised = Normalise(text);
        foreach (var word in words)
        {
            for (var at = normalised.IndexOf(word, StringComparison.Ordinal); at >= 0; at = normalised.IndexOf(word, at + 1, StringComparison.Ordinal))
            {
                if (IsWholeWord(normalised, at, word))
                {
                    return word;
                }
            }
        }

        return null;
    }

    private static bool IsWholeWord(string text, int at, string word)
    {
        var end = at + word.Length;
        var startsFree = at == 0 || !IsWordChar(text[at - 1]) || IsCjk(word[0]);
        var endsFree = end == text.Length || !IsWordChar(text[end]) || IsCjk(word[^1]);
        return startsFree && endsFree;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark;

    /// <summary>Chinese (and Japanese kana, Korean) characters: text in them has no spaces between words.</summary>
    private static bool IsCjk(char c) =>
        c is >= '\u3040' and <= '\u30ff' // kana
            or >= '\u3400' and <= '\u4dbf' // CJK extension A
            or >= '\u4e00' and <= '\u9fff' // CJK unified ideographs
            or >= '\uac00' and <= '\ud7af' // Hangul
            or >= '\uf900' and <= '\ufaff'; // compatibility ideographs
}
