using System.Text.Json;

using Microsoft.Extensions.DependencyInjection;

using Parley.Server.Connections;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Web;

/// <summary>The WebSocket send side on real sockets: the connection core writes the frames (same send queue and
/// slow-consumer rules as TCP), and what queued behind a flush arrives as separate messages, whole and in order.</summary>
public sealed class WebSocketOutputTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_websocket_client_that_stops_reading_is_cut_off_with_its_reason_while_another_keeps_receiving()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Server:SendQueueBytes"] = "16384",
            ["Parley:Server:MessagesPerSecond"] = "0",

            // The stalled client reads its last bytes only after the room has moved on: give the drain time.
            ["Parley:Server:ShutdownTimeout"] = "00:00:30",
        });
        await using var stalled = await WebSocketClient.ConnectAsync(server.WebSocketUrl, receiveBufferSize: 4096);
        await stalled.SendAsync("""{"type":"hello","user":"stalled"}""");
        await stalled.ReceiveUntilAsync(f => f.Str("type") == "joined" && f.Str("user") == "stalled");
        await using var witness = await WebSocketClient.ConnectAsync(server.WebSocketUrl);
        await witness.SendAsync("""{"type":"hello","user":"witness"}""");
        await witness.ReceiveUntilAsync(f => f.Str("type") == "joined" && f.Str("user") == "witness");
        await using var talker = await JsonClient.HelloAsync(server.Json, "talker");
        await witness.ReceiveUntilAsync(f => f.Str("type") == "joined" && f.Str("user") == "talker");
        var speaker = server.Hub.Find("talker")!;

        // The talker speaks; the witness (another WebSocket) reads every message; "stalled" reads nothing from here on.
        var text = new string('x', 2000);
        var said = 0;
        string? reason = null;
        while (reason is null)
        {
            Assert.True(said < 20_000, "the stalled reader was never cut off");
            server.Hub.Say(speaker, null, $"{said} {text}", null, out _);
            said++;
            var frame = await witness.ReceiveUntilAsync(f => f.Str("type") is "message" or "left");
            if (frame.Str("type") == "left")
            {
                Assert.Equal("stalled", frame.Str("user"));
                reason = frame.Str("reason");
            }
        }

        Assert.Equal("slow consumer", reason);

        // The room carries on, on the WebSocket too.
        await talker.SendAsync("""{"type":"message","message":"still here"}""" + "\n");
        Assert.Equal("still here", (await witness.ReceiveUntilAsync(f => f.Str("type") == "message" && f.Str("message")!.Length < 20)).Str("message"));

        // The stalled client reads again: whole messages from before the cut (their numbers in order), then why it was
        // cut off as the JSON port says it, then the close handshake.
        var last = -1;
        JsonElement? error = null;
        while (await stalled.ReceiveTextAsync() is { } message)
        {
            Assert.Null(error);
            var frame = JsonDocument.Parse(message).RootElement.Clone();
            if (frame.Str("type") == "error")
            {
                error = frame;
                continue;
            }

            if (frame.Str("type") == "message" && frame.Str("user") == "talker")
            {
                var body = frame.Str("message")!;
                var number = int.Parse(body.AsSpan(0, body.IndexOf(' ', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal(last + 1, number);
                Assert.Equal(text, body[(body.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
                last = number;
            }
        }

        Assert.NotNull(error);
        Assert.Equal("slow-consumer", error.Value.Str("code"));
        Assert.StartsWith("SendQ exceeded", error.Value.Str("text"), StringComparison.Ordinal);
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, stalled.CloseStatus);
    }

    [Fact]
    public async Task Events_queued_behind_a_flush_arrive_as_separate_whole_messages_in_order()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Server:SendQueueBytes"] = "16777216",
            ["Parley:Server:MessagesPerSecond"] = "0",
        });
        var registry = server.Host.Services.GetRequiredService<ConnectionRegistry>();
        await using var paused = await WebSocketClient.ConnectAsync(server.WebSocketUrl, receiveBufferSize: 4096);
        await paused.SendAsync("""{"type":"hello","user":"paused"}""");
        await paused.ReceiveUntilAsync(f => f.Str("type") == "joined" && f.Str("user") == "paused");
        await using var witness = await WebSocketClient.ConnectAsync(server.WebSocketUrl);
        await witness.SendAsync("""{"type":"hello","user":"witness"}""");
        await witness.ReceiveUntilAsync(f => f.Str("type") == "joined" && f.Str("user") == "witness");
        await using var talker = await JsonClient.HelloAsync(server.Json, "talker");
        await witness.ReceiveUntilAsync(f => f.Str("type") == "joined" && f.Str("user") == "talker");
        var speaker = server.Hub.Find("talker")!;

        // Until the kernel and Kestrel hold all they will for "paused" and its core has queued a dozen events behind
        // the flush in flight (the witness reads every message, so each one was delivered).
        var text = new string('q', 1500);
        var said = 0;
        var queuedSince = -1;
        while (queuedSince < 0 || said < queuedSince + 12)
        {
            Assert.True(said < 20_000, "the paused reader's output never queued");
            server.Hub.Say(speaker, null, $"{said} {text}", null, out _);
            said++;
            await witness.ReceiveUntilAsync(f => f.Str("type") == "message");
            if (queuedSince < 0 && registry.QueuedBytes() > 0)
            {
                queuedSince = said;
            }
        }

        Assert.True(registry.QueuedBytes() > 0);

        // Reading again: every event once, each its own message, whole, in order.
        for (var expected = 0; expected < said; expected++)
        {
            var frame = await paused.ReceiveUntilAsync(f => f.Str("type") == "message");
            Assert.Equal($"{expected} {text}", frame.Str("message"));
        }

        await paused.SendAsync("""{"type":"ping"}""");
        Assert.Equal("""{"type":"pong"}""", await paused.ReceiveTextAsync());
    }
}
