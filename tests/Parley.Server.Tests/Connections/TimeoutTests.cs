using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Connections;

/// <summary>The timeouts every connection has, and shutdown with connections that never finished their handshake.
/// Small timeouts stand in for the defaults; the tests wait for the events, never for a time.</summary>
public sealed class TimeoutTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task The_handshake_timeout_closes_silent_sockets_with_a_reason_in_their_protocol()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Server:NickGracePeriod"] = "00:00:00.050",
            ["Parley:Server:HandshakeTimeout"] = "00:00:00.500",
        });
        await using var text = await RawClient.ConnectAsync(server.Text);
        await using var json = await JsonClient.ConnectAsync(server.Json);

        Assert.Equal("NICK", await text.ReceiveAsync(Deadline));
        Assert.Equal("error: Registration timed out; disconnecting.", await text.ReceiveAsync(Deadline));
        Assert.True(await text.WaitForCloseAsync(Deadline));

        var error = await json.ReadAsync(Deadline);
        Assert.Equal(("error", "timeout"), (error.Str("type"), error.Str("code")));
        Assert.True(await json.WaitForCloseAsync(Deadline));
    }

    [Fact]
    public async Task A_registered_client_that_sends_nothing_for_the_idle_timeout_is_told_and_leaves()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Server:IdleTimeout"] = "00:00:01",

            // REGISTER must come before the NICK prompt even on a loaded machine.
            ["Parley:Server:NickGracePeriod"] = "00:00:10",
        });
        await using var quiet = await RawClient.ConnectAsync(server.Text);
        await quiet.SendAsync("REGISTER quiet CHAT/1.0\n");
        Assert.Equal("200 Registration successful", await quiet.ReadLineAsync(Deadline));

        var line = await quiet.ReadLineUntilAsync(l => l.StartsWith("error", StringComparison.Ordinal), Deadline);
        Assert.Equal("error: Nothing received for too long; disconnecting.", line);
        Assert.True(await quiet.WaitForCloseAsync(Deadline));
        Assert.Null(server.Hub.Find("quiet"));
    }

    [Fact]
    public async Task A_client_that_keeps_talking_is_not_idle()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Server:IdleTimeout"] = "00:00:02",

            // REGISTER must come before the NICK prompt even on a loaded machine.
            ["Parley:Server:NickGracePeriod"] = "00:00:10",
        });
        await using var chatty = await RawClient.ConnectAsync(server.Text);
        await chatty.SendAsync("REGISTER chatty CHAT/1.0\n");
        Assert.Equal("200 Registration successful", await chatty.ReadLineAsync(Deadline));
        await using var idle = await RawClient.ConnectAsync(server.Text);
        await idle.SendAsync("REGISTER idle CHAT/1.0\n");
        Assert.Equal("200 Registration successful", await idle.ReadLineAsync(Deadline));

        // The chatty client speaks every few hundred ms; the idle one's departure is the clock.
        var left = chatty.ReadLineUntilAsync(l => l == "idle left", Deadline);
        var said = 0;
        while (!left.IsCompleted)
        {
            await chatty.SendAsync($"@chatty: {said++}\n");
            await Task.WhenAny(left, Task.Delay(TimeSpan.FromMilliseconds(200)));
        }

        Assert.Equal("idle left", await left);
        Assert.NotNull(server.Hub.Find("chatty"));
    }

    [Fact]
    public async Task Shutdown_with_connections_mid_handshake_tells_them_and_finishes_within_the_timeout()
    {
        var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Server:ShutdownTimeout"] = "00:00:03",
            ["Parley:Server:NickGracePeriod"] = "00:00:00.050",
        });
        try
        {
            await using var member = await RawClient.ConnectAsync(server.Text);
            Assert.Equal("NICK", await member.ReceiveAsync(Deadline));
            await member.SendAsync("member\n");
            await member.ReadLineUntilAsync(l => l == "Connected to server!", Deadline);
            await using var silent = await RawClient.ConnectAsync(server.Text);
            Assert.Equal("NICK", await silent.ReceiveAsync(Deadline));
            await using var json = await JsonClient.ConnectAsync(server.Json);
            await json.SendAsync("""{"type":"ping"}""" + "\n");
            Assert.Equal("pong", (await json.ReadAsync(Deadline)).Str("type"));

            // Kestrel gives handlers the host's timeout (ours + 2 s); finishing within ours means nobody was waited for.
            var stopping = server.Host.StopAsync();
            Assert.Equal("Server is shutting down.", await member.ReadLineUntilAsync(l => l.StartsWith("Server", StringComparison.Ordinal), Deadline));
            Assert.Equal("Server is shutting down.", await silent.ReceiveAsync(Deadline));
            Assert.Equal("shutdown", (await json.ReadAsync(Deadline)).Str("type"));
            Assert.True(await silent.WaitForCloseAsync(Deadline));
            Assert.True(await json.WaitForCloseAsync(Deadline));
            await stopping.WaitAsync(TimeSpan.FromSeconds(3));
        }
        finally
        {
            await server.Host.DisposeAsync();
        }
    }
}
