using System.Net;
using System.Net.WebSockets;

using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Web;

/// <summary><c>/ws</c> against a real server on port 0: the JSON protocol, one object per message, on the same
/// core as the JSON TCP listener (same room, limits and goodbyes), and the origin check.</summary>
public sealed class WebSocketEndpointTests
{
    [Fact]
    public async Task AWebSocketAndAJsonTcpClientChatInOneRoom()
    {
        await using var server = await TestServer.StartAsync();
        await using var web = await WebSocketClient.ConnectAsync(server.WebSocketUrl);
        await web.SendAsync("""{"type":"hello","user":"wendy","version":1}""");
        var welcome = await web.ReceiveTextAsync();
        Assert.Equal("""{"type":"welcome","version":1,"user":"wendy","room":"#general"}""", welcome);
        await web.ReceiveUntilAsync(f => f.Str("type") == "joined" && f.Str("user") == "wendy");

        await using var json = await JsonClient.HelloAsync(server.Json, "jason");
        await web.ReceiveUntilAsync(f => f.Str("type") == "joined" && f.Str("user") == "jason");

        await web.SendAsync("""{"type":"message","message":"from the browser","room":"#general"}""");
        var got = await json.ReadUntilAsync(f => f.Str("type") == "message");
        Assert.Equal("wendy", got.Str("user"));
        Assert.Equal("from the browser", got.Str("message"));

        await json.SendAsync("""{"type":"message","message":"line one\nline two"}""" + "\n");
        var text = await web.ReceiveTextAsync();
        Assert.NotNull(text);
        Assert.DoesNotContain('\n', text);
        Assert.StartsWith("""{"seq":0,"user":"jason","message":"line one\nline two","type":"message","room":"#general","id":""", text, StringComparison.Ordinal);

        // Longer than 125 bytes: the 16-bit length form; and many lines flushed at once stay one message each.
        var long1 = new string('l', 3000);
        await json.SendAsync($$"""{"type":"message","message":"{{long1}}"}""" + "\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $$"""{"type":"message","message":"burst {{i}}"}""" + "\n")));
        Assert.Equal(long1, (await web.ReceiveUntilAsync(f => f.Str("type") == "message")).Str("message"));
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal($"burst {i}", (await web.ReceiveAsync()).Str("message"));
        }

        // A pretty-printed frame spanning lines is one frame, as on TCP.
        await web.SendAsync("{\n  \"type\": \"msg\",\n  \"to\": \"jason\",\n  \"message\": \"psst\"\n}");
        var direct = await json.ReadUntilAsync(f => f.Str("type") == "direct");
        Assert.Equal("psst", direct.Str("message"));
    }

    [Fact]
    public async Task AnOversizeMessageIsRefusedAndTheSocketClosed()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:Server:MaxJsonFrameBytes"] = "1024" });
        await using var web = await WebSocketClient.ConnectAsync(server.WebSocketUrl);
        await web.SendAsync($$"""{"type":"hello","user":"{{new string('x', 2000)}}"}""");
        var error = await web.ReceiveAsync();
        Assert.Equal("too-long", error.Str("code"));
        Assert.True(await web.WaitForCloseAsync());
    }

    [Fact]
    public async Task ShutdownIsAnnouncedThenTheSocketCloses()
    {
        var server = await TestServer.StartAsync();
        await using var web = await WebSocketClient.ConnectAsync(server.WebSocketUrl);
        await web.SendAsync("""{"type":"hello","user":"stay"}""");
        await web.ReceiveUntilAsync(f => f.Str("type") == "joined");

        var stopping = server.DisposeAsync().AsTask();
        var shutdown = await web.ReceiveUntilAsync(f => f.Str("type") == "shutdown");
        Assert.False(string.IsNullOrEmpty(shutdown.Str("text")));
        Assert.True(await web.WaitForCloseAsync());
        Assert.Equal(WebSocketCloseStatus.NormalClosure, web.CloseStatus);
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task PagesFromOtherOriginsAreRefusedUnlessAllowed()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Server:AllowedOrigins:0"] = "https://chat.example.org",
        });
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => WebSocketClient.ConnectAsync(server.WebSocketUrl, "https://evil.example"));
        Assert.Contains("403", refused.Message, StringComparison.Ordinal);

        await using var same = await WebSocketClient.ConnectAsync(server.WebSocketUrl, $"http://{server.Http}");
        await using var listed = await WebSocketClient.ConnectAsync(server.WebSocketUrl, "https://CHAT.example.org:443");
        await same.SendAsync("""{"type":"ping"}""");
        Assert.Equal("""{"type":"pong"}""", await same.ReceiveTextAsync());
    }

    [Fact]
    public async Task APlainRequestToTheEndpointIsABadRequest()
    {
        await using var server = await TestServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.HttpUrl, Timeout = TimeSpan.FromSeconds(10) };
        var response = await http.GetAsync(new Uri("/ws", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
