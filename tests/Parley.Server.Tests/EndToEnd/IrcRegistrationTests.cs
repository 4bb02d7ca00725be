using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.EndToEnd;

/// <summary>IRC registration over real sockets: with and without CAP, the welcome burst, refusals, PING both ways.</summary>
public sealed class IrcRegistrationTests
{
    [Fact]
    public async Task RegistrationWithoutCapSendsTheWelcomeBurst()
    {
        await using var server = await TestServer.StartAsync();
        await using var irc = await IrcClient.ConnectAsync(server.Irc);

        await irc.SendAsync("NICK alice", "USER al 0 * :Alice Liddell");

        Assert.Equal(":parley 001 alice :Welcome to the Parley IRC Network alice!~al@parley", await irc.ExpectAsync("001"));
        await irc.ExpectAsync("002");
        await irc.ExpectAsync("003");
        Assert.Equal(":parley 004 alice parley parley-1 i biklmnostv bklov", await irc.ExpectAsync("004"));
        var isupport = await irc.ExpectAsync("005");
        Assert.Contains(" CASEMAPPING=ascii ", isupport, StringComparison.Ordinal);
        Assert.Contains(" CHANTYPES=# ", isupport, StringComparison.Ordinal);
        await irc.ExpectAsync("251");
        await irc.ExpectAsync("376");
    }

    [Fact]
    public async Task CapNegotiationHoldsRegistrationUntilCapEnd()
    {
        await using var server = await TestServer.StartAsync();
        await using var irc = await IrcClient.ConnectAsync(server.Irc);

        await irc.SendAsync("CAP LS 302", "NICK bob", "USER bob 0 * :Bob");
        Assert.Contains("server-time", await irc.ExpectAsync("CAP"), StringComparison.Ordinal);
        await irc.SendAsync("CAP REQ :server-time echo-message", "CAP REQ :no-such-cap");
        // server-time applies from the ACK on.
        Assert.EndsWith(" :parley CAP * ACK :server-time echo-message", await irc.ExpectAsync("CAP"), StringComparison.Ordinal);
        Assert.EndsWith(" :parley CAP * NAK :no-such-cap", await irc.ExpectAsync("CAP"), StringComparison.Ordinal);
        await irc.SendAsync("CAP END");
        await irc.ExpectAsync("001");
        await irc.ExpectAsync("376");

        await irc.SendAsync("JOIN #tea", "PRIVMSG #tea :echoed");
        Assert.StartsWith("@time=", await irc.ExpectAsync("JOIN"), StringComparison.Ordinal);
        var echo = await irc.ExpectAsync("PRIVMSG");
        Assert.Matches(@"^@time=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z :bob!bob@parley PRIVMSG #tea :echoed$", echo);
    }

    [Fact]
    public async Task RefusalsAreNumerics()
    {
        await using var server = await TestServer.StartAsync();
        await using var taken = await IrcClient.RegisterAsync(server.Irc, "carol");
        await using var irc = await IrcClient.ConnectAsync(server.Irc);

        await irc.SendAsync("JOIN #x");
        Assert.Equal(":parley 451 * :You have not registered", await irc.ExpectAsync("451"));
        await irc.SendAsync("NICK 9lives");
        Assert.Equal(":parley 432 * 9lives :Erroneous nickname", await irc.ExpectAsync("432"));
        await irc.SendAsync("NICK carol");
        Assert.Equal(":parley 433 * carol :Nickname is already in use", await irc.ExpectAsync("433"));
        await irc.SendAsync("NICK dave", "USER dave 0 * :Dave");
        await irc.ExpectAsync("376");

        await irc.SendAsync("FROB", "JOIN", "PRIVMSG nobody :hi", "PRIVMSG #nowhere :hi", "PART #nowhere");
        Assert.Equal(":parley 421 dave FROB :Unknown command", await irc.ExpectAsync("421"));
        Assert.Equal(":parley 461 dave JOIN :Not enough parameters", await irc.ExpectAsync("461"));
        Assert.Equal(":parley 401 dave nobody :No such nick/channel", await irc.ExpectAsync("401"));
        Assert.Equal(":parley 403 dave #nowhere :No such channel", await irc.ExpectAsync("403"));
        Assert.Equal(":parley 403 dave #nowhere :No such channel", await irc.ExpectAsync("403"));

        await taken.SendAsync("JOIN #ops");
        await taken.ExpectAsync("366");
        await irc.SendAsync("JOIN #ops", "TOPIC #ops :mine", "KICK #ops carol", "PART #elsewhere", "USER again 0 * :x");
        Assert.Equal(":parley 482 dave #ops :You're not channel operator", await irc.ExpectAsync("482"));
        Assert.Equal(":parley 482 dave #ops :You're not channel operator", await irc.ExpectAsync("482"));
        Assert.Equal(":parley 403 dave #elsewhere :No such channel", await irc.ExpectAsync("403"));
        Assert.Equal(":parley 462 dave :You may not reregister", await irc.ExpectAsync("462"));
    }

    [Fact]
    public async Task ALineOver512BytesIsRefusedWith417AndTheNextLineWorks()
    {
        await using var server = await TestServer.StartAsync();
        await using var irc = await IrcClient.RegisterAsync(server.Irc, "erin");

        await irc.SendAsync("PRIVMSG erin :" + new string('x', 510), "PING :after");

        Assert.Equal(":parley 417 erin :Input line was too long", await irc.ExpectAsync("417"));
        Assert.Equal(":parley PONG parley :after", await irc.ExpectAsync("PONG"));
    }

    [Fact]
    public async Task ASilentClientIsPingedThenDisconnected()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Server:IrcPingInterval"] = "00:00:00.200",
            ["Parley:Server:IrcPingTimeout"] = "00:00:00.300",
        });
        await using var irc = await IrcClient.RegisterAsync(server.Irc, "frank");

        Assert.Equal("PING :parley", await irc.ExpectAsync("PING"));
        Assert.StartsWith("ERROR :", await irc.ExpectAsync("ERROR"), StringComparison.Ordinal);
        Assert.True(await irc.WaitForCloseAsync());
    }

    [Fact]
    public async Task ShutdownSaysErrorThenCloses()
    {
        var server = await TestServer.StartAsync();
        await using var irc = await IrcClient.RegisterAsync(server.Irc, "gina");

        var stopping = server.DisposeAsync();

        Assert.Equal("ERROR :Server is shutting down.", await irc.ExpectAsync("ERROR"));
        Assert.True(await irc.WaitForCloseAsync());
        await stopping;
    }
}
