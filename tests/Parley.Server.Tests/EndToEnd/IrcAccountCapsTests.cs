using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.EndToEnd;

/// <summary>IRCv3 account-tag, extended-join and account-notify, and WHOIS 330, over real IRC sockets: lines exactly
/// as the specifications give them (https://ircv3.net/specs/extensions/account-tag, .../extended-join,
/// .../account-notify).</summary>
public sealed class IrcAccountCapsTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Account_tag_marks_what_a_logged_in_member_sends_and_nothing_a_guest_sends()
    {
        await using var watcher = await WithCapsAsync("watcher", "account-tag");
        await using var alice = await IrcClient.RegisterAsync(_server.Irc, "alice");
        await using var guest = await IrcClient.RegisterAsync(_server.Irc, "guest");
        await RegisterAccountAsync(alice);
        await JoinAllAsync("#tags", watcher, alice, guest);

        await alice.SendAsync("PRIVMSG #tags :hi");
        Assert.Equal("@account=alice :alice!alice@parley PRIVMSG #tags :hi", await watcher.ExpectAsync("PRIVMSG"));
        await alice.SendAsync("PRIVMSG watcher :psst");
        Assert.Equal("@account=alice :alice!alice@parley PRIVMSG watcher :psst", await watcher.ExpectAsync("PRIVMSG"));
        await alice.SendAsync("NOTICE #tags :note");
        Assert.Equal("@account=alice :alice!alice@parley NOTICE #tags :note", await watcher.ExpectAsync("NOTICE"));
        await guest.SendAsync("PRIVMSG #tags :hello");
        Assert.Equal(":guest!guest@parley PRIVMSG #tags :hello", await watcher.ExpectAsync("PRIVMSG"));

        // A client without the cap gets the plain line from the same event.
        await alice.SendAsync("PRIVMSG #tags :again");
        Assert.Equal(":alice!alice@parley PRIVMSG #tags :again", await guest.ExpectTextAsync("again"));
        Assert.Equal("@account=alice :alice!alice@parley PRIVMSG #tags :again", await watcher.ExpectAsync("PRIVMSG"));
    }

    [Fact]
    public async Task Extended_join_names_the_account_or_a_star_and_the_real_name()
    {
        await using var watcher = await WithCapsAsync("xwatch", "extended-join");
        await watcher.SendAsync("JOIN #xj");
        Assert.Equal(":xwatch!xwatch@parley JOIN #xj * :xwatch test", await watcher.ExpectAsync("JOIN"));

        await using var bea = await IrcClient.RegisterAsync(_server.Irc, "bea");
        await RegisterAccountAsync(bea);
        await bea.SendAsync("JOIN #xj");
        Assert.Equal(":bea!bea@parley JOIN #xj bea :bea test", await watcher.ExpectAsync("JOIN"));
        Assert.Equal(":bea!bea@parley JOIN #xj", await bea.ExpectAsync("JOIN"));

        await using var json = await JsonClient.HelloAsync(_server.Json, "jules");
        await json.SendAsync("""{"type":"join","room":"#xj"}""" + "\n");
        Assert.Equal(":jules!jules@parley JOIN #xj * :Parley user", await watcher.ExpectAsync("JOIN"));
    }

    [Fact]
    public async Task Account_notify_tells_channel_peers_of_login_and_logout()
    {
        await using var peer = await WithCapsAsync("peer", "account-notify");
        await using var carl = await IrcClient.RegisterAsync(_server.Irc, "carl");
        await using var stranger = await WithCapsAsync("stranger", "account-notify");
        await JoinAllAsync("#an", peer, carl);

        await RegisterAccountAsync(carl);
        Assert.Equal(":carl!carl@parley ACCOUNT carl", await peer.ExpectAsync("ACCOUNT"));
        await carl.SendAsync("PRIVMSG NickServ :LOGOUT");
        await carl.ExpectAsync("901");
        Assert.Equal(":carl!carl@parley ACCOUNT *", await peer.ExpectAsync("ACCOUNT"));

        // Who shares no channel with carl hears nothing: the next line it gets is its own PONG.
        await stranger.SendAsync("PING :sync");
        Assert.Equal(":parley PONG parley :sync", await stranger.ReadLineAsync());
    }

    [Fact]
    public async Task Whois_shows_the_account_of_a_logged_in_member()
    {
        await using var dee = await IrcClient.RegisterAsync(_server.Irc, "dee");
        await using var asker = await IrcClient.RegisterAsync(_server.Irc, "asker");
        await RegisterAccountAsync(dee);

        await asker.SendAsync("WHOIS dee");
        Assert.Equal(":parley 330 asker dee dee :is logged in as", await asker.ExpectAsync("330"));
        await asker.ExpectAsync("318");
        await asker.SendAsync("WHOIS asker");
        var commands = new List<string>();
        for (var line = await asker.ReadLineAsync(); IrcClient.CommandOf(line!) != "318"; line = await asker.ReadLineAsync())
        {
            commands.Add(IrcClient.CommandOf(line!));
        }

        Assert.Contains("311", commands);
        Assert.DoesNotContain("330", commands);
    }

    private async Task<IrcClient> WithCapsAsync(string nick, string caps)
    {
        var irc = await IrcClient.ConnectAsync(_server.Irc);
        await irc.SendAsync("CAP REQ :" + caps, $"NICK {nick}", $"USER {nick} 0 * :{nick} test", "CAP END");
        await irc.ExpectAsync("376");
        return irc;
    }

    private static async Task RegisterAccountAsync(IrcClient irc)
    {
        await irc.SendAsync("REGISTER * - correct-horse");
        await irc.ExpectAsync("900");
    }

    private static async Task JoinAllAsync(string room, params IrcClient[] clients)
    {
        foreach (var client in clients)
        {
            await client.SendAsync($"JOIN {room}");
            await client.ExpectAsync("366");
        }
    }
}
