using System.Text.Json;

using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.History;

/// <summary>Issue 10 end to end: direct-message history belongs to identities, not nicknames. A guest who takes a
/// nick someone left reads none of that someone's direct messages; an account reads its own under any nick.</summary>
public sealed class DirectHistoryIdentityTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_new_guest_with_a_departed_guests_nick_reads_none_of_its_direct_messages()
    {
        await using var bob = await JsonClient.HelloAsync(_server.Json, "bob");
        await using (var alice = await JsonClient.HelloAsync(_server.Json, "alice"))
        {
            await alice.SendAsync("""{"type":"msg","to":"bob","message":"the first alice's secret"}""" + "\n");
            await bob.ReadUntilAsync(f => f.Str("message") == "the first alice's secret");
            await bob.SendAsync("""{"type":"msg","to":"alice","message":"bob's secret reply"}""" + "\n");
            await alice.ReadUntilAsync(f => f.Str("message") == "bob's secret reply");
        }

        // The nick is free once bob sees alice leave the room they share.
        await bob.ReadUntilAsync(f => f.Str("type") == "left" && f.Str("user") == "alice");
        var newcomer = await JsonClient.HelloAsync(_server.Json, "alice");

        await newcomer.SendAsync("""{"type":"history","with":"bob"}""" + "\n");
        Assert.Empty(Messages(await newcomer.ReadUntilAsync(f => f.Str("type") == "history")));
        await newcomer.SendAsync("""{"type":"search","query":"secret"}""" + "\n");
        Assert.Empty(Messages(await newcomer.ReadUntilAsync(f => f.Str("type") == "search")));

        // The same over IRC, in another newcomer's name: an empty batch.
        await Leave(newcomer, bob, "alice");
        await using var irc = await IrcClient.ConnectAsync(_server.Irc);
        await irc.SendAsync("CAP REQ :batch draft/chathistory", "NICK alice", "USER alice 0 * :a", "CAP END");
        await irc.ExpectAsync("376");
        await irc.SendAsync("CHATHISTORY LATEST bob * 10");
        var open = await irc.ExpectAsync("BATCH");
        Assert.Equal($":parley BATCH -{open.Split(' ')[2][1..]}", await irc.ReadLineAsync());

        // bob was a party to both messages and still reads them.
        await bob.SendAsync("""{"type":"history","with":"alice"}""" + "\n");
        Assert.Equal(2, Messages(await bob.ReadUntilAsync(f => f.Str("type") == "history")).Length);
    }

    [Fact]
    public async Task An_account_reads_its_direct_messages_after_reconnecting_under_another_nick()
    {
        await using var bob = await JsonClient.HelloAsync(_server.Json, "bob");
        await using (var jo = await JsonClient.HelloAsync(_server.Json, "jo"))
        {
            await jo.SendAsync("""{"type":"register","password":"correct horse"}""" + "\n");
            await jo.ReadUntilAsync(f => f.Str("kind") == "account");
            await jo.SendAsync("""{"type":"msg","to":"bob","message":"from the account jo"}""" + "\n");
            await bob.ReadUntilAsync(f => f.Str("message") == "from the account jo");
        }

        await bob.ReadUntilAsync(f => f.Str("type") == "left" && f.Str("user") == "jo");
        await using var joanna = await JsonClient.HelloAsync(_server.Json, "joanna");
        await joanna.SendAsync("""{"type":"history","with":"bob"}""" + "\n");
        Assert.Empty(Messages(await joanna.ReadUntilAsync(f => f.Str("type") == "history")));

        await joanna.SendAsync("""{"type":"login","user":"jo","password":"correct horse"}""" + "\n");
        await joanna.ReadUntilAsync(f => f.Str("text") == "You are logged in as jo.");
        await joanna.SendAsync("""{"type":"history","with":"bob"}""" + "\n");
        var page = Messages(await joanna.ReadUntilAsync(f => f.Str("type") == "history"));
        Assert.Equal(["from the account jo"], page.Select(m => m.Str("message")));
        Assert.Equal(["jo"], page.Select(m => m.Str("user")));
        await joanna.SendAsync("""{"type":"search","query":"account"}""" + "\n");
        Assert.Single(Messages(await joanna.ReadUntilAsync(f => f.Str("type") == "search")));
    }

    private static async Task Leave(JsonClient client, JsonClient witness, string nick)
    {
        await client.DisposeAsync();
        await witness.ReadUntilAsync(f => f.Str("type") == "left" && f.Str("user") == nick);
    }

    private static JsonElement[] Messages(JsonElement page) => [.. page.GetProperty("messages").EnumerateArray()];
}
