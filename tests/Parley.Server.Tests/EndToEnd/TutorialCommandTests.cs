using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.EndToEnd;

/// <summary>The NICK-room tutorial's commands on the text port, byte for byte, for unframed and line clients.</summary>
public sealed class TutorialCommandTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Unframed_client_gets_each_reply_as_one_write()
    {
        await using var dave = await JoinUnframedAsync("dave");
        await using var erin = await JoinUnframedAsync("erin");
        Assert.Equal("erin joined!", await dave.ReceiveAsync());

        await dave.SendAsync("dave: /USERS");
        Assert.Equal("In #general (2): dave, erin", await dave.ReceiveAsync());

        await dave.SendAsync("dave: /NICK erin");
        Assert.Equal("NICKNAME IN USE", await dave.ReceiveAsync());

        await dave.SendAsync("dave: /NICK davy");
        Assert.Equal("NICKNAME CHANGED TO davy", await dave.ReceiveAsync());
        Assert.Equal("dave is now known as davy", await erin.ReceiveAsync());

        await dave.SendAsync("davy: still here");
        Assert.Equal("davy: still here", await erin.ReceiveAsync());

        await dave.SendAsync("davy: /EXIT");
        Assert.Equal("EXITING", await dave.ReceiveAsync());
        Assert.True(await dave.WaitForCloseAsync());
        Assert.Equal("davy left", await erin.ReceiveAsync());
    }

    [Fact]
    public async Task Line_clients_get_the_same_replies_framed_and_every_protocol_sees_the_rename()
    {
        await using var kim = await RawClient.ConnectAsync(_server.Text);
        Assert.Equal("NICK", await kim.ReceiveAsync());
        await kim.SendAsync("kim\n");
        await kim.ReadLineUntilAsync(l => l == "Connected to server!");
        await using var reg = await RawClient.ConnectAsync(_server.Text);
        await reg.SendAsync("REGISTER lee CHAT/1.0\n");
        Assert.Equal("200 Registration successful", await reg.ReadLineAsync());
        await using var json = await JsonClient.HelloAsync(_server.Json, "jo");

        await kim.SendAsync("/users\n");
        Assert.Equal("In #general (3): kim, lee, jo", await kim.ReadLineUntilAsync(l => l.StartsWith("In ", StringComparison.Ordinal)));

        await kim.SendAsync("/nick kimberly\n");
        Assert.Equal("NICKNAME CHANGED TO kimberly", await kim.ReadLineUntilAsync(l => l.StartsWith("NICKNAME", StringComparison.Ordinal)));
        Assert.Equal("kim is now known as kimberly", await reg.ReadLineUntilAsync(l => l.Contains("known as", StringComparison.Ordinal)));
        var renamed = await json.ReadUntilAsync(f => f.Str("type") == "renamed");
        Assert.Equal(("kim", "kimberly"), (renamed.Str("user"), renamed.Str("to")));

        // A JSON user renames too, and the text users see it.
        await json.SendAsync("""{"type":"message","message":"/nick joanna"}""" + "\n");
        Assert.Equal("joanna", (await json.ReadUntilAsync(f => f.Str("type") == "renamed")).Str("to"));
        Assert.Equal("jo is now known as joanna", await reg.ReadLineUntilAsync(l => l.Contains("known as", StringComparison.Ordinal)));

        await reg.SendAsync("@lee: /exit\n");
        Assert.Equal("EXITING", await reg.ReadLineUntilAsync(l => l == "EXITING"));
        Assert.True(await reg.WaitForCloseAsync());
        Assert.Equal("lee left", await kim.ReadLineUntilAsync(l => l.EndsWith(" left", StringComparison.Ordinal)));
    }

    private async Task<RawClient> JoinUnframedAsync(string nick)
    {
        var client = await RawClient.ConnectAsync(_server.Text);
        Assert.Equal("NICK", await client.ReceiveAsync());
        await client.SendAsync(nick);
        await client.ReceiveUntilAsync("Connected to server!");
        return client;
    }
}
