using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.EndToEnd;

/// <summary>An IRC user, a text-dialect user and a JSON user in #general: messages, private messages, nick
/// changes, topics, weather and departures cross every protocol.</summary>
public sealed class IrcMixedRoomTests
{
    [Fact]
    public async Task IrcTextAndJsonUsersShareARoom()
    {
        await using var server = await TestServer.StartAsync();
        await using var text = await RawClient.ConnectAsync(server.Text);
        Assert.Equal("NICK", await text.ReceiveAsync());
        await text.SendAsync("tess\n");
        await text.ReadLineUntilAsync(l => l == "Connected to server!");
        await using var json = await JsonClient.HelloAsync(server.Json, "jay");
        await using var irc = await IrcClient.RegisterAsync(server.Irc, "ivy");

        await irc.SendAsync("JOIN #general");
        var names = await irc.ExpectAsync("353");
        Assert.Contains("tess", names, StringComparison.Ordinal);
        Assert.Contains("jay", names, StringComparison.Ordinal);
        await text.ReadLineUntilAsync(l => l == "ivy joined!");
        await json.ReadUntilAsync(f => f.Str("type") == "joined" && f.Str("user") == "ivy");

        // IRC -> text and JSON
        await irc.SendAsync("PRIVMSG #general :hello from irc");
        Assert.Equal("ivy: hello from irc", await text.ReadLineUntilAsync(l => l.StartsWith("ivy:", StringComparison.Ordinal)));
        var fromIrc = await json.ReadUntilAsync(f => f.Str("type") == "message");
        Assert.Equal(("ivy", "hello from irc", "#general"), (fromIrc.Str("user"), fromIrc.Str("message"), fromIrc.Str("room")));

        // text and JSON -> IRC
        await text.SendAsync("hi from text\n");
        Assert.Equal(":tess!tess@parley PRIVMSG #general :hi from text", await irc.ExpectAsync("PRIVMSG"));
        await json.SendAsync("""{"type":"message","message":"hi from json"}""" + "\n");
        Assert.Equal(":jay!jay@parley PRIVMSG #general :hi from json", await irc.ExpectAsync("PRIVMSG"));

        // private messages both ways
        await json.SendAsync("""{"type":"message","message":"/msg ivy psst"}""" + "\n");
        Assert.Equal(":jay!jay@parley PRIVMSG ivy :psst", await irc.ExpectAsync("PRIVMSG"));
        await irc.SendAsync("PRIVMSG jay :psst back");
        var direct = await json.ReadUntilAsync(f => f.Str("type") == "direct");
        Assert.Equal(("ivy", "psst back"), (direct.Str("user"), direct.Str("message")));

        // topic, seen by everyone
        await irc.SendAsync("TOPIC #general :Parley lobby");
        Assert.Equal(":ivy!ivy@parley TOPIC #general :Parley lobby", await irc.ExpectAsync("TOPIC"));
        var topic = await json.ReadUntilAsync(f => f.Str("type") == "topic");
        Assert.Equal(("ivy", "Parley lobby"), (topic.Str("user"), topic.Str("text")));
        Assert.Equal("ivy set the topic of #general: Parley lobby", await text.ReadLineUntilAsync(l => l.Contains("topic", StringComparison.Ordinal)));

        // nick change, seen in every protocol
        await irc.SendAsync("NICK ivan");
        Assert.Equal(":ivy!ivy@parley NICK ivan", await irc.ExpectAsync("NICK"));
        Assert.Equal("ivy is now known as ivan", await text.ReadLineUntilAsync(l => l.Contains("known as", StringComparison.Ordinal)));
        var renamed = await json.ReadUntilAsync(f => f.Str("type") == "renamed");
        Assert.Equal(("ivy", "ivan"), (renamed.Str("user"), renamed.Str("to")));

        await json.SendAsync("""{"type":"message","message":"/nick jules"}""" + "\n");
        Assert.Equal(":jay!jay@parley NICK jules", await irc.ExpectAsync("NICK"));

        // weather from IRC is answered as a NOTICE to the sender alone (the test server has no forecast service)
        await irc.SendAsync("PRIVMSG #general :weather");
        Assert.StartsWith(":parley NOTICE ivan :", await irc.ExpectAsync("NOTICE"), StringComparison.Ordinal);

        // NAMES, WHO and WHOIS see members of every protocol
        await irc.SendAsync("NAMES #general", "WHO #general", "WHOIS jules");
        Assert.Matches(@"^:parley 353 ivan = #general :.*\bjules\b", await irc.ExpectAsync("353"));
        Assert.Matches(@"^:parley 352 ivan #general \S+ parley parley \S+ H", await irc.ExpectAsync("352"));
        Assert.Equal(":parley 312 ivan jules parley :Parley (json)", await irc.ExpectAsync("312"));

        // QUIT, seen by the others
        await irc.SendAsync("QUIT :see you");
        Assert.Equal("ERROR :Closing Link: ivan (Quit: see you)", await irc.ExpectAsync("ERROR"));
        Assert.True(await irc.WaitForCloseAsync());
        Assert.Equal("ivan left", await text.ReadLineUntilAsync(l => l.StartsWith("ivan", StringComparison.Ordinal)));
        var left = await json.ReadUntilAsync(f => f.Str("type") == "left" && f.Str("user") == "ivan");
        Assert.Equal("quit: see you", left.Str("reason"));
    }

    [Fact]
    public async Task OperatorsKickAndSetModes()
    {
        await using var server = await TestServer.StartAsync();
        await using var op = await IrcClient.RegisterAsync(server.Irc, "olga");
        await using var json = await JsonClient.HelloAsync(server.Json, "pete");

        await op.SendAsync("JOIN #den");
        Assert.Equal(":parley 353 olga = #den :@olga", await op.ExpectAsync("353"));
        await json.SendAsync("""{"type":"join","room":"#den"}""" + "\n");
        await op.ExpectTextAsync("pete!pete@parley JOIN #den");

        await op.SendAsync("MODE #den +mv pete", "MODE #den");
        Assert.Equal(":olga!olga@parley MODE #den +mv pete", await op.ExpectAsync("MODE"));
        Assert.Equal(":parley 324 olga #den :+mnt", await op.ExpectAsync("324"));
        var mode = await json.ReadUntilAsync(f => f.Str("type") == "mode");
        Assert.Equal("+mv pete", mode.Str("text"));

        await op.SendAsync("KICK #den pete :bye now");
        Assert.Equal(":olga!olga@parley KICK #den pete :bye now", await op.ExpectAsync("KICK"));
        var kicked = await json.ReadUntilAsync(f => f.Str("type") == "left");
        Assert.Equal(("pete", "kicked by olga: bye now"), (kicked.Str("user"), kicked.Str("reason")));
        Assert.DoesNotContain(server.Hub.GetRoom("#den")!.Members, m => m.Member.Nick == "pete");
    }
}
