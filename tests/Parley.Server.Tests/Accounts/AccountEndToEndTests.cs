using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Accounts;

/// <summary>Accounts as users meet them on the text, JSON and IRC ports (in-memory accounts: --data :memory:).</summary>
public sealed class AccountEndToEndTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?>
    {
        ["Parley:Accounts:AttemptsPerAccount"] = "3",
        ["Parley:Accounts:Operators:0"] = "boss",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Account_text_register_then_login_from_a_second_connection_renames_the_guest()
    {
        await using var first = await JoinText("alice");
        await first.SendAsync("/register correct-horse\n");
        await first.ReadLineUntilAsync(l => l.Contains("Registered the account alice", StringComparison.Ordinal));
        await first.SendAsync("/nick ally\n");
        await first.ReadLineUntilAsync(l => l == "NICKNAME CHANGED TO ally");

        // The warning may come before or after the welcome line: read past both.
        await using var squatter = await RawClient.ConnectAsync(_server.Text);
        Assert.Equal("NICK", await squatter.ReceiveAsync());
        await squatter.SendAsync("alice\n");
        Assert.NotNull(await squatter.ReadLineUntilAsync(l => l.Contains("The nickname alice is registered", StringComparison.Ordinal)));
        await using var owner = await JoinText("visitor");
        await owner.SendAsync("/login alice wrong-horse\n");
        Assert.Equal("error: Wrong account name or password.", await owner.ReadLineUntilAsync(l => l.StartsWith("error:", StringComparison.Ordinal)));
        await owner.SendAsync("/login alice correct-horse\n");

        await owner.ReadLineUntilAsync(l => l == "You are logged in as alice.");
        await squatter.ReadLineUntilAsync(l => l.Contains("The owner of alice logged in", StringComparison.Ordinal));
        Assert.Equal("alice", _server.Hub.Find("alice")?.Account);
    }

    [Fact]
    public async Task Account_json_register_login_passwd_and_logout()
    {
        await using var json = await JsonClient.HelloAsync(_server.Json, "jo");
        await json.SendAsync("""{"type":"register","password":"correct horse with spaces"}""" + "\n");
        Assert.Equal("account", (await json.ReadUntilAsync(f => f.Str("kind") == "account")).Str("kind"));
        await json.SendAsync("""{"type":"register","password":"again and again"}""" + "\n");
        Assert.Equal("already-registered", (await json.ReadUntilAsync(f => f.Str("type") == "error")).Str("code"));

        await json.SendAsync("""{"type":"passwd","password":"correct horse with spaces","new":"battery staple"}""" + "\n");
        await json.ReadUntilAsync(f => f.Str("text")?.Contains("is changed", StringComparison.Ordinal) == true);
        await json.SendAsync("""{"type":"logout"}""" + "\n");
        await json.ReadUntilAsync(f => f.Str("text")?.Contains("logged out", StringComparison.Ordinal) == true);
        await json.SendAsync("""{"type":"login","password":"correct horse with spaces"}""" + "\n");
        Assert.Equal("auth-failed", (await json.ReadUntilAsync(f => f.Str("type") == "error")).Str("code"));
        await json.SendAsync("""{"type":"login","user":"jo","password":"battery staple"}""" + "\n");
        await json.ReadUntilAsync(f => f.Str("text") == "You are logged in as jo.");

        Assert.Equal("jo", _server.Hub.Find("jo")?.Account);
    }

    [Fact]
    public async Task Account_login_attempts_are_rate_limited_per_account_over_json()
    {
        await using var owner = await JsonClient.HelloAsync(_server.Json, "rita");
        await owner.SendAsync("""{"type":"register","password":"correct-horse"}""" + "\n");
        await owner.ReadUntilAsync(f => f.Str("kind") == "account");
        await using var guesser = await JsonClient.HelloAsync(_server.Json, "guesser");

        var codes = new List<string?>();
        for (var i = 0; i < 4; i++)
        {
            await guesser.SendAsync($$"""{"type":"login","user":"rita","password":"guess {{i}}"}""" + "\n");
            codes.Add((await guesser.ReadUntilAsync(f => f.Str("type") == "error", TimeSpan.FromSeconds(30))).Str("code"));
        }

        Assert.Equal(["auth-failed", "auth-failed", "auth-failed", "rate-limited"], codes);
    }

    [Fact]
    public async Task Account_irc_register_command_and_nickserv_identify()
    {
        await using var irc = await IrcClient.RegisterAsync(_server.Irc, "ira");
        await irc.SendAsync("REGISTER * - correct-horse");
        Assert.Contains("REGISTER SUCCESS ira", await irc.ExpectAsync("REGISTER"), StringComparison.Ordinal);
        await irc.ExpectAsync("900");
        await irc.SendAsync("PRIVMSG NickServ :LOGOUT");
        await irc.ExpectAsync("901");

        await irc.SendAsync("PRIVMSG NickServ :IDENTIFY wrong-horse");
        Assert.Contains("Wrong account name or password", await irc.ExpectAsync("NOTICE"), StringComparison.Ordinal);
        await irc.SendAsync("PRIVMSG NickServ :IDENTIFY correct-horse");
        Assert.Contains(" ira :You are now logged in as ira", await irc.ExpectAsync("900"), StringComparison.Ordinal);
        await irc.SendAsync("REGISTER ira - another-horse");
        Assert.Contains("FAIL REGISTER ALREADY_AUTHENTICATED", await irc.ExpectAsync("FAIL"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operator_json_room_creator_kicks_and_irc_users_see_the_modes()
    {
        await using var owner = await JsonClient.HelloAsync(_server.Json, "olga");
        await owner.SendAsync("""{"type":"join","room":"#den"}""" + "\n");
        await owner.ReadUntilAsync(f => f.Str("type") == "joined" && f.Str("room") == "#den");
        await using var irc = await IrcClient.RegisterAsync(_server.Irc, "ian");
        await irc.SendAsync("JOIN #den");
        Assert.Contains("@olga", await irc.ExpectAsync("353"), StringComparison.Ordinal);

        await owner.SendAsync("""{"type":"mode","room":"#den","modes":"+i"}""" + "\n");
        Assert.Contains("MODE #den +i", await irc.ExpectAsync("MODE"), StringComparison.Ordinal);
        await owner.SendAsync("""{"type":"topic","room":"#den","topic":"members only"}""" + "\n");
        Assert.Contains("#den :members only", await irc.ExpectAsync("TOPIC"), StringComparison.Ordinal);
        await owner.SendAsync("""{"type":"kick","room":"#den","nick":"ian","reason":"tidy up"}""" + "\n");
        Assert.Contains("KICK #den ian :tidy up", await irc.ExpectAsync("KICK"), StringComparison.Ordinal);

        await irc.SendAsync("JOIN #den");
        await irc.ExpectAsync("473");
    }

    private async Task<RawClient> JoinText(string nick)
    {
        var client = await RawClient.ConnectAsync(_server.Text);
        Assert.Equal("NICK", await client.ReceiveAsync());
        await client.SendAsync(nick + "\n");
        await client.ReadLineUntilAsync(l => l == "Connected to server!");
        return client;
    }
}
