using Parley.Core.Text;

namespace Parley.Core.Tests.Text;

public sealed class AsciiTextTests
{
    [Theory]
    [InlineData("hello", "hello")]
    [InlineData("café", "cafe")]
    [InlineData("naïve", "naive")]
    [InlineData("Ångström", "Angstrom")]
    [InlineData("“quotes” and ‘single’", "\"quotes\" and 'single'")]
    [InlineData("a — b – c", "a - b - c")]
    [InlineData("wait…", "wait...")]
    [InlineData("high 54°F (12°C)", "high 54 F (12 C)")]
    [InlineData("Straße", "Strasse")]
    [InlineData("Łódź", "Lodz")]
    [InlineData("ﬁne", "fine")]
    [InlineData("日本", "??")]
    [InlineData("ok 😀", "ok ?")]
    [InlineData("café 日本 —", "cafe ?? -")]
    public void Transliterates_what_has_an_ascii_form_and_marks_the_rest(string input, string expected)
    {
        var ascii = AsciiText.Transliterate(input);
        Assert.Equal(expected, ascii);
        Assert.True(AsciiText.IsAscii(ascii));
    }
}
