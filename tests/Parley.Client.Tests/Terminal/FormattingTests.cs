using Parley.Client.Connections;
using Parley.Client.Terminal;

namespace Parley.Client.Tests.Terminal;

public sealed class FormattingTests
{
    [Fact]
    public void NickColourIsStableAndIgnoresCase()
    {
        // Pinned: users learn their friends' colours, so the hash must not change between runs or releases.
        Assert.Equal(NickPalette.ColourFor("alice"), NickPalette.ColourFor("ALICE"));
        Assert.Equal("salmon1", NickPalette.ColourFor("alice"));
    }

    [Fact]
    public void InteractiveMarkupEscapesUserText()
    {
        var markup = EventMarkup.For(new MessageReceived("bob", "[red]x[/]", false), new DateTimeOffset(2025, 1, 2, 9, 5, 0, TimeSpan.Zero));
        Assert.StartsWith("[grey]09:05[/] ", markup, StringComparison.Ordinal);
        Assert.Contains("[[red]]x[[/]]", markup, StringComparison.Ordinal);
    }
}
