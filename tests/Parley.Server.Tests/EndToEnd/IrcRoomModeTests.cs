using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.EndToEnd;

/// <summary>Modes an IRC operator sets bind JSON and text users too, and the IRCv3 extensions (message-tags,
/// labeled-response) over real sockets.</summary>
public sealed class IrcRoomModeTests
{
    [Fact]
    public async Task JsonJoinsAndMessagesMeetTheModesAnIrcOperatorSet()
    {
        await using var server = await TestServer.StartAsync();
        await using var irc = await IrcClient.RegisterAsync(server.Irc, "ivy");
        await using var json = await JsonClient.HelloAsync(server.Json, "jay");

        await irc.SendAsync("JOIN #club", "MODE #club +k sesame");
        Assert.Equal(":ivy!ivy@parley MODE #club +k sesame", await irc.ExpectAsync("MODE"));

        await json.SendAsync("""{"type":"join","room":"#club"}""" + "\n");
        var refused = await json.ReadUntilAsync(f => f.Str("type") == "error");
        Assert.Equal("bad-key", refused.Str("code"));
        Assert.Contains("+k", refused.Str("text"), StringComparison.Ordinal);

        await json.SendAsync("""{"type":"join","room":"#club","key":"sesame"}""" + "\n");
        Assert.Equal(":jay!jay@parley JOIN #club", await irc.ExpectAsync("JOIN"));

        await irc.SendAsync("MODE #club +m");
        await irc.ExpectAsync("MODE");
        await json.SendAsync("""{"type":"message","room":"#club","message":"may I?"}""" + "\n");
        Assert.Equal("moderated", (await json.ReadUntilAsync(f => f.Str("type") == "error")).Str("code"));

        await irc.SendAsync("JOIN #vip", "MODE #vip +i");
        Assert.Equal(":ivy!ivy@parley MODE #vip +i", await irc.ExpectAsync("MODE"));
        await json.SendAsync("""{"type":"join","room":"#vip"}""" + "\n");
        Assert.Equal("invite-only", (await json.ReadUntilAsync(f => f.Str("type") == "error")).Str("code"));
    }

    [Fact]
    public async Task AMinusNRoomTakesMessagesFromAJsonUserOutsideIt()
    {
        await using var server = await TestServer.StartAsync();
        await using var irc = await IrcClient.RegisterAsync(server.Irc, "ivy");
        await using var json = await JsonClient.HelloAsync(server.Json, "jay");
        await irc.SendAsync("JOIN #open");
        await irc.ExpectAsync("366");

        await json.SendAsync("""{"type":"message","room":"#open","message":"knock"}""" + "\n");
        Assert.Equal("not-in-room", (await json.ReadUntilAsync(f => f.Str("type") == "error")).Str("code"));

        await irc.SendAsync("MODE #open -n");
        Assert.Equal(":ivy!ivy@parley MODE #open -n", await irc.ExpectAsync("MODE"));
        await json.SendAsync("""{"type":"message","room":"#open","message":"knock knock"}""" + "\n");
        Assert.Equal(":jay!jay@parley PRIVMSG #open :knock knock", await irc.ExpectAsync("PRIVMSG"));
    }

    [Fact]
    public async Task ClientTagsReachOnlyClientsThatAskedForThemAndLabelsComeBack()
    {
        await using var server = await TestServer.StartAsync();
        await using var tagged = await IrcClient.RegisterAsync(server.Irc, "tia");
        await using var plain = await IrcClient.RegisterAsync(server.Irc, "pat");
        await tagged.SendAsync("CAP REQ :message-tags batch labeled-response");
        await tagged.ExpectAsync("CAP");
        await tagged.SendAsync("JOIN #t");
        await tagged.ExpectAsync("366");
        await plain.SendAsync("JOIN #t");
        await plain.ExpectAsync("366");

        // One at a time: with history on, a PRIVMSG reaches the room after its commit and an unstored TAGMSG may overtake it.
        await plain.SendAsync("@+draft/react=yes;secret=1 PRIVMSG #t :hi");
        Assert.Matches(@"^@msgid=\d+;\+draft/react=yes :pat!pat@parley PRIVMSG #t :hi$", await tagged.ExpectAsync("PRIVMSG"));
        await plain.SendAsync("@+typing=active TAGMSG #t");
        Assert.Matches(@"^@msgid=\d+;\+typing=active :pat!pat@parley TAGMSG #t$", await tagged.ExpectAsync("TAGMSG"));

        await tagged.SendAsync("@+x=1 PRIVMSG #t :back", "@label=L1 PING abc", "@label=L2 PONG abc", "@label=L3 NAMES #t");
        Assert.Equal(":tia!tia@parley PRIVMSG #t :back", await plain.ExpectAsync("PRIVMSG"));
        Assert.Equal("@label=L1 :parley PONG parley :abc", await tagged.ExpectAsync("PONG"));
        Assert.Equal("@label=L2 :parley ACK", await tagged.ExpectAsync("ACK"));
        var start = await tagged.ExpectAsync("BATCH");
        Assert.Matches(@"^@label=L3 :parley BATCH \+L\d+ labeled-response$", start);
        Assert.StartsWith("@batch=L", await tagged.ExpectAsync("353"), StringComparison.Ordinal);
        Assert.StartsWith("@batch=L", await tagged.ExpectAsync("366"), StringComparison.Ordinal);
        Assert.Matches(@"^:parley BATCH -L\d+$", await tagged.ExpectAsync("BATCH"));
    }
}
