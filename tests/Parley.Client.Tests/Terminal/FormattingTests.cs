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

    [Fact]
    public void ControlCharactersFromTheNetworkAreShownNotObeyed()
    {
        const string hostile = "hi\u001b[2K\u001b[1G\rbye\n12:00 admin: forged\u202E\u0007";
        var script = ScriptEventFormatter.Format(new MessageReceived("bob", hostile, false));
        Assert.Equal("bob: hi^[[2K^[[1G^Mbye^J12:00 admin: forged\uFFFD^G", script);

        var markup = EventMarkup.For(new MessageReceived("bob", hostile, false), new DateTimeOffset(2025, 1, 2, 9, 5, 0, TimeSpan.Zero));
        Assert.DoesNotContain(markup!, c => c < 0x20 || c == '\u202E');

        // A notice keeps its lines; each line is cleaned.
        Assert.Equal("Weather:\nMon ^[[31m", ScriptEventFormatter.Format(new NoticeReceived("Weather:\nMon \u001b[31m", "weather")));
        Assert.Equal("eve: ^[]0;title^G", new Parley.Client.Peer.PeerMessage("eve", "\u001b]0;title\u0007", 0).ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Server is shutting down.")]
    [InlineData("server is shutting down")]
    public void ShutdownIsAnnouncedOnceWhenTheServerSaysTheSame(string? text)
    {
        var shutdown = new ServerShuttingDown(text);
        Assert.Equal(ScriptEventFormatter.ShutdownLine, ScriptEventFormatter.Format(shutdown));
        var markup = EventMarkup.For(shutdown, new DateTimeOffset(2025, 1, 2, 9, 5, 0, TimeSpan.Zero))!;
        Assert.Equal(markup.IndexOf("shutting down", StringComparison.OrdinalIgnoreCase), markup.LastIndexOf("shutting down", StringComparison.OrdinalIgnoreCase));
        Assert.EndsWith("[yellow]Server is shutting down.[/]", markup, StringComparison.Ordinal);
    }

    [Fact]
    public void ShutdownKeepsTheServersOwnWordsWhenTheySayMore()
    {
        var shutdown = new ServerShuttingDown("Back at 10:00 UTC.");
        Assert.Equal($"Back at 10:00 UTC.{Environment.NewLine}{ScriptEventFormatter.ShutdownLine}", ScriptEventFormatter.Format(shutdown));
        Assert.Contains("Back at 10:00 UTC. Server is shutting down.", EventMarkup.For(shutdown, DateTimeOffset.Now), StringComparison.Ordinal);
    }

    [Fact]
    public void LocalHelpListsUsers()
    {
        Assert.Contains("/users [#room]     the same as /who", LocalHelp.Text, StringComparison.Ordinal);
    }
}
