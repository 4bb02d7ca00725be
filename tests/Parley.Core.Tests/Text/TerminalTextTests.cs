using Parley.Core.Text;

namespace Parley.Core.Tests.Text;

public sealed class TerminalTextTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        { "plain", "hello, café 日本 😀", "hello, café 日本 😀" },
        { "clear screen", "a\u001b[2Jb", "a^[[2Jb" },
        { "erase the sender's prefix", "\u001b[2K\u001b[1Gadmin: hi", "^[[2K^[[1Gadmin: hi" },
        { "carriage return", "x\ry", "x^My" },
        { "line feed forges a line", "hi\n18:00:00 admin left (quit)", "hi^J18:00:00 admin left (quit)" },
        { "crlf", "a\r\nb", "a^M^Jb" },
        { "nul bel bs vt ff", "\0\a\b\v\f", "^@^G^H^K^L" },
        { "del", "a\u007Fb", "a^?b" },
        { "tab", "a\tb", "a b" },
        { "c1 csi", "a\u009B2Jb", "a\uFFFD2Jb" },
        { "bidi override", "abc\u202Edcb\u202C", "abc\uFFFDdcb\uFFFD" },
        { "bidi isolates", "\u2066x\u2069", "\uFFFDx\uFFFD" },
        { "line separator", "a\u2028b", "a\uFFFDb" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Neutralize_shows_every_control_without_sending_it(string name, string input, string expected)
    {
        Assert.NotNull(name);
        var safe = TerminalText.Neutralize(input);
        Assert.Equal(expected, safe);
        Assert.DoesNotContain(safe, TerminalText.IsUnsafe);
    }

    [Fact]
    public void NeutralizeLines_keeps_line_breaks_and_cleans_each_line()
    {
        Assert.Equal("Weather:\nMon\n^[[31mTue", TerminalText.NeutralizeLines("Weather:\r\nMon\rTue".Replace("Tue", "\u001b[31mTue", StringComparison.Ordinal)));
        Assert.Equal("a\nb", TerminalText.NeutralizeLines("a\nb"));
    }

    [Fact]
    public void Clean_text_is_returned_as_is()
    {
        const string text = "nothing to change";
        Assert.Same(text, TerminalText.Neutralize(text));
        Assert.Equal(string.Empty, TerminalText.Neutralize(null));
    }

    [Fact]
    public void Excerpt_cuts_at_64_characters_and_neutralises()
    {
        var huge = new string('x', 60_000);
        Assert.Equal(new string('x', 64) + "...", Excerpt.Of(huge));
        Assert.Equal("short", Excerpt.Of("short"));
        Assert.Equal("a^[b", Excerpt.Of("a\u001bb"));

        // A surrogate pair is never cut in half.
        var emoji = new string('x', 63) + "😀" + "tail";
        Assert.Equal(new string('x', 63) + "...", Excerpt.Of(emoji));
    }
}
