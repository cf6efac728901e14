using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace LiveShop.Server.Tests.Features.Localization;

/// <summary>
/// The resource files themselves: every English string has a non-empty translation in zh-TW, zh-CN and el with the
/// same {0}-style holes; Traditional and Simplified Chinese are not mixed up; and every text the code asks for by key
/// (<c>T["…"]</c> in the client, a refusal's sentence in the server) is in the English file, so no screen falls back
/// to an untranslated key.
/// </summary>
public partial class ResourceFileTests
{
    private static readonly string[] Languages = ["zh-TW", "zh-CN", "el"];

    // Characters written differently in the two scripts (pairs: 車/车 cart, 單/单 order, 結/结 checkout …), common in a shop's text.
    private const string TraditionalOnly = "車購結帳訂單們這說價發時請碼輸覽貨開關閉題問錯誤確認冊詢運費號擇選項顯視圖傳刪儲編輯頁隱讀檢舉復會員買賣當點鐘對讓為從與隊邊萬幣數額內將後寫記聯機線實現間動態無務專網該紅場級";
    private const string SimplifiedOnly = "车购结账订单们这说价发时请码输览货开关闭题问错误确认册询运费号择选项显视图传删储编辑页隐读检举复会员买卖当点钟对让为从与队边万币数额内将后写记联机线实现间动态无务专网该红场级";

    public static TheoryData<string> ResourceSets() => [.. NeutralFiles().Select(Relative)];

    [Theory]
    [MemberData(nameof(ResourceSets))]
    public void EveryLanguage_HasEveryKey_NonEmpty_WithTheSameHoles(string neutral)
    {
        var english = Read(Path.Combine(RepositoryRoot, neutral));
        foreach (var language in Languages)
        {
            var path = Path.Combine(RepositoryRoot, neutral.Replace(".resx", $".{language}.resx"));
            Assert.True(File.Exists(path), $"{Relative(path)} is missing.");
            var translated = Read(path);
            var missing = english.Keys.Where(k => !translated.TryGetValue(k, out var v) || string.IsNullOrWhiteSpace(v)).ToList();
            Assert.True(missing.Count == 0, $"{Relative(path)} has no (or an empty) translation for: {string.Join(" | ", missing.Take(20))}");
            var extra = translated.Keys.Except(english.Keys).ToList();
            Assert.True(extra.Count == 0, $"{Relative(path)} has keys the English file does not: {string.Join(" | ", extra.Take(20))}");
            var wrongHoles = english.Where(e => !Holes(e.Value).SetEquals(Holes(translated[e.Key]))).Select(e => e.Key).ToList();
            Assert.True(wrongHoles.Count == 0, $"{Relative(path)} changes the {{0}} holes of: {string.Join(" | ", wrongHoles.Take(20))}");
        }

        // Resource names ignore case: "Sold out" and "sold out" in one file collide, and one translation is lost.
        var sameButCase = english.Keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => string.Join(" / ", g)).ToList();
        Assert.True(sameButCase.Count == 0, $"{neutral} has keys that differ only in case: {string.Join(" | ", sameButCase)}");

        var emptyEnglish = english.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key).ToList();
        Assert.True(emptyEnglish.Count == 0, $"{neutral} has empty English text for: {string.Join(" | ", emptyEnglish)}");
    }

    [Theory]
    [MemberData(nameof(ResourceSets))]
    public void TraditionalAndSimplifiedChinese_AreNotMixedUp(string neutral)
    {
        var traditional = Read(Path.Combine(RepositoryRoot, neutral.Replace(".resx", ".zh-TW.resx")));
        var simplified = Read(Path.Combine(RepositoryRoot, neutral.Replace(".resx", ".zh-CN.resx")));

        var simplifiedInTaiwan = traditional.Where(t => t.Value.Any(SimplifiedOnly.Contains)).Select(t => $"{t.Key} → {t.Value}").ToList();
        var traditionalOnMainland = simplified.Where(t => t.Value.Any(TraditionalOnly.Contains)).Select(t => $"{t.Key} → {t.Value}").ToList();

        Assert.True(simplifiedInTaiwan.Count == 0, $"zh-TW uses Simplified characters: {string.Join(" | ", simplifiedInTaiwan.Take(20))}");
        Assert.True(traditionalOnMainland.Count == 0, $"zh-CN uses Traditional characters: {string.Join(" | ", traditionalOnMainland.Take(20))}");
    }

    [Fact]
    public void EveryKeyTheClientAsksFor_IsInItsResourceFile()
    {
        var keys = NeutralFiles().Where(f => f.Contains("LiveShop.Client")).SelectMany(f => Read(f).Keys).ToHashSet(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var file in SourceFiles("LiveShop.Client", "*.razor").Concat(SourceFiles("LiveShop.Client", "*.cs")))
        {
            foreach (Match use in LocalizerUse().Matches(File.ReadAllText(file)))
            {
                var key = Regex.Unescape(use.Groups["key"].Value);
                if (!keys.Contains(key))
                {
                    missing.Add($"{Relative(file)}: {key}");
                }
            }
        }

        Assert.True(missing.Count == 0, "Texts asked for but not in any client .resx:\n" + string.Join("\n", missing.Take(40)));
    }

    [Fact]
    public void EveryRefusalSentence_IsInTheServersResourceFile()
    {
        var keys = Read(Path.Combine(RepositoryRoot, "LiveShop.Server", "Resources", "ServerText.resx")).Keys.ToHashSet(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var file in SourceFiles("LiveShop.Server", "*.cs"))
        {
            foreach (Match use in RefusalSentence().Matches(File.ReadAllText(file)))
            {
                var key = Regex.Unescape(use.Groups["key"].Value);
                if (!keys.Contains(key))
                {
                    missing.Add($"{Relative(file)}: {key}");
                }
            }
        }

        Assert.True(missing.Count == 0, "Refusal sentences not in ServerText.resx:\n" + string.Join("\n", missing.Take(40)));
    }

    [Fact]
    public void NoRefusalSentence_IsInterpolated()
    {
        // $"…{x}…" as a refusal's sentence would be a key no resource file can hold: the holes must be {0}-style.
        var interpolated = SourceFiles("LiveShop.Server", "*.cs")
            .SelectMany(file => InterpolatedRefusal().Matches(File.ReadAllText(file)).Select(m => $"{Relative(file)}: {m.Value}"))
            .ToList();

        Assert.True(interpolated.Count == 0, "Refusals built with $\"…\" instead of a template and arguments:\n" + string.Join("\n", interpolated.Take(40)));
    }

    [Fact]
    public void WordsMadeFromNames_AreInTheServersResourceFile()
    {
        // Phrase.Of(order.Status) and the role names of RequireRole are keys built from a name, not literals the scan sees.
        var keys = Read(Path.Combine(RepositoryRoot, "LiveShop.Server", "Resources", "ServerText.resx")).Keys.ToHashSet(StringComparer.Ordinal);
        string[] built = [.. Enum.GetNames<Shared.Orders.OrderStatus>(), .. new[] { Shared.Roles.Host, Shared.Roles.Administrator }.Select(r => r.ToLowerInvariant() + "s")];

        var missing = built.Where(k => !keys.Contains(k)).ToList();
        Assert.True(missing.Count == 0, "Not in ServerText.resx: " + string.Join(" | ", missing));
    }

    // T["Buy now"], T["Only {0} left", n], Text["…"] — the localizer's indexer with a literal.
    [GeneratedRegex("""\b(?:T|Text|L)\["(?<key>(?:[^"\\]|\\.)*)"[,\]]""")]
    private static partial Regex LocalizerUse();

    // DomainException.Invalid(ProblemCodes.X, "Sentence {0}.", …) and friends: the sentence literal (not an interpolated $"…").
    // Also the helpers that pass a sentence on (ProductInput.Invalid("…"), Refuse("…"), RateLimiting.TooMany(wait, "…")),
    // new Phrase("…") for words that fill a hole, and the "what for" of the access checks ("pin products").
    [GeneratedRegex("""
        (?:DomainException\.(?:Invalid|Forbidden|NotFound|Conflict|TooLarge|Unavailable|TooManyRequests)\(\s*[\w.]+,
          |new\ DomainException\(\s*RefusalKind\.\w+,\s*[\w.]+,
          |\bnew\(\s*RefusalKind\.\w+,\s*[\w.]+,
          |DomainException\.NotSignedIn\(
          |(?<![\w.])(?:ProductInput\.|CatalogCsvParser\.)?(?:Invalid|Refused|Refuse)\((?:\s*[\w.]+,)?
          |new\ Phrase\(
          |new\ RefundFailedException\(
          |\bRefuseAsync\(\s*context,
          |\b(?:WriteTooManyAsync|TooMany)\([^;"]*?,
          |\b(?:RequireAsync|LoadHostedAsync|RequireRole|RequireNotEnded|OpenShowAsync|RequireSdp)\([^;]*?(?=
              "(?:[^"\\]|\\.)*"\s*(?:,\s*cancellationToken)?\))
          |\bWhatFor\ =)
        \s*"(?<key>(?:[^"\\]|\\.)*)"
        """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex RefusalSentence();

    // A refusal's sentence (or a helper's) written as an interpolated string.
    [GeneratedRegex("""(?:DomainException\.\w+\(\s*[\w.]+,|new\ DomainException\(\s*RefusalKind\.\w+,\s*[\w.]+,|(?<![\w.])(?:ProductInput\.|CatalogCsvParser\.)?(?:Invalid|Refused|Refuse)\((?:\s*[\w.]+,)?|new\ Phrase\(|new\ RefundFailedException\(|\bTooMany\([^;"]*?,)\s*\$@?"[^\r\n]{0,60}""", RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex InterpolatedRefusal();

    [GeneratedRegex(@"\{\d+(?::[^}]*)?\}")]
    private static partial Regex Hole();

    private static HashSet<string> Holes(string text) => [.. Hole().Matches(text).Select(m => Regex.Replace(m.Value, ":.*}", "}"))];

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    private static IEnumerable<string> NeutralFiles() =>
        new[] { "LiveShop.Client", "LiveShop.Server" }
            .SelectMany(p => Directory.EnumerateFiles(Path.Combine(RepositoryRoot, p, "Resources"), "*.resx"))
            .Where(f => Path.GetFileNameWithoutExtension(f).IndexOf('.') < 0)
            .Order(StringComparer.Ordinal);

    private static IEnumerable<string> SourceFiles(string project, string pattern) =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot, project), pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));

    private static string Relative(string path) => Path.GetRelativePath(RepositoryRoot, path);

    private static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LiveShop.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (LiveShop.slnx) is not above " + AppContext.BaseDirectory);
    }
}
