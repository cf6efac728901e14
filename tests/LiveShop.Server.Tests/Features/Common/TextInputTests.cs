using LiveShop.Server.Features.Common;
using LiveShop.Shared;

namespace LiveShop.Server.Tests.Features.Common;

/// <summary>What others read is what was typed: no invisible-only lines, no direction tricks.</summary>
public sealed class TextInputTests
{
    [Theory]
    [InlineData("\u200B\u200B\u200B")]
    [InlineData("\u200D\u200C")]
    [InlineData(" \uFEFF \u2060 ")]
    [InlineData("\u180E\t\n")]
    [InlineData("\U000E0041\U000E0042\U000E007F")]
    [InlineData("\u3164\u3164")]
    [InlineData("\u2800 \uFFA0")]
    public void Clean_OnlyInvisibleCharacters_Empty(string text) => Assert.Equal("", TextInput.Clean(text));

    [Theory]
    [InlineData("Hi\u200Bthere", "Hithere")]
    [InlineData("  line\none  ", "line one")]
    [InlineData("e\u0301", "\u00e9")]
    [InlineData("👨\u200D👩\u200D👧 family", "👨\u200D👩\u200D👧 family")]
    [InlineData("好看嗎？", "好看嗎？")]
    public void Clean_VisibleText_KeptAsReadable(string text, string expected) => Assert.Equal(expected, TextInput.Clean(text));

    [Theory]
    [InlineData("buy \u202Egnp.exe")]
    [InlineData("\u2066hidden\u2069")]
    [InlineData("\u202Aembedded")]
    public void Clean_DirectionOverride_Refused(string text)
    {
        var refusal = Assert.Throws<DomainException>(() => TextInput.Clean(text));
        Assert.Equal(ProblemCodes.TextInvalid, refusal.Code);
    }
}
