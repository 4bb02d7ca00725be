using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Fuzz;

/// <summary>
/// A real server on port 0, one client per listener sending a fixed-seed corpus of garbage (random bytes, mutated
/// and forged frames, oversize input; on /ws also binary, fragmented and invalid UTF-8 messages, and raw bytes that
/// are not WebSocket framing at all) while an honest JSON client chats in the same room. Whatever the garbage does,
/// the watcher gets every honest message intact, in order and from "honest", no line ever claims to be from
/// "honest" that it did not send, and the server still takes new clients afterwards.
/// </summary>
public sealed class GarbageNeighbourTests
{
    private const int HonestMessages = 24;
    private const int GarbageConnections = 8;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static TheoryData<string> Wires => new() { "json", "text", "irc", "ws", "ws-raw" };

    [Theory]
    [MemberData(nameof(Wires))]
    public async Task Garbage_on_one_connection_never_costs_or_forges_another_clients_messages(string wire)
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Server:MaxConnectionsPerIp"] = "0",
            ["Parley:Server:ConnectionsPerIpPerSecond"] = "0",
            ["Parley:Server:MaxJsonFrameBytes"] = "4096",
        });
        await using var watcher = await JsonClient.HelloAsync(server.Json, "watcher");
        await using var honest = await JsonClient.HelloAsync(server.Json, "honest");

        var sending = SendHonestAsync(honest);
        var garbage = SendGarbageAsync(server, wire);
        await Task.WhenAll(sending, garbage).WaitAsync(Deadline);

        var seen = new List<string>();
        while (seen.Count < HonestMessages)
        {
            var frame = await watcher.ReadAsync(TimeSpan.FromSeconds(20));
            if (frame.Str("type") is not ("message" or "direct"))
            {
                continue;
            }

            var user = frame.Str("user");
            var text = frame.Str("message") ?? string.Empty;
            Assert.DoesNotContain("forged", user == "honest" ? text : string.Empty, StringComparison.Ordinal);
            Assert.True(user == "honest" || user?.StartsWith("junk", StringComparison.Ordinal) == true, $"a message from {user}: {text}");
            if (user == "honest")
            {
                seen.Add(text);
            }
        }

        Assert.Equal(Enumerable.Range(0, HonestMessages).Select(static i => $"honest {i} \"é\" {{}}"), seen);
        await using var late = await JsonClient.HelloAsync(server.Json, "late");
    }

    private static async Task SendHonestAsync(JsonClient honest)
    {
        for (var i = 0; i < HonestMessages; i++)
        {
            await honest.SendAsync(JsonSerializer.Serialize(new { type = "message", message = $"honest {i} \"é\" {{}}" }) + "\n");
            await Task.Yield();
        }
    }

    private static async Task SendGarbageAsync(TestServer server, string wire)
    {
        for (var seed = 0; seed < GarbageConnections; seed++)
        {
            var corpus = new GarbageCorpus(wire, seed);
            try
            {
                switch (wire)
                {
                    case "ws":
                        await SendOverWebSocketAsync(server.WebSocketUrl, corpus);
                        break;
                    case "ws-raw":
                        await SendRawWebSocketAsync(server.Http, corpus);
                        break;
                    default:
                        var endPoint = wire switch { "json" => server.Json, "text" => server.Text, _ => server.Irc };
                        await using (var raw = await RawClient.ConnectAsync(endPoint))
                        {
                            foreach (var piece in corpus.Pieces())
                            {
                                await raw.SendAsync(piece);
                            }
                        }

                        break;
                }
            }
            catch (Exception e) when (e is IOException or SocketException or WebSocketException or OperationCanceledException or TimeoutException)
            {
                // The server dropped this garbage connection (oversize, not a protocol): that is its right.
            }
        }
    }

    private static async Task SendOverWebSocketAsync(Uri url, GarbageCorpus corpus)
    {
        using var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(url, timeout.Token);
        foreach (var piece in corpus.Pieces())
        {
            var (type, fragments) = corpus.WebSocketShape(piece.Length);
            var cuts = fragments.Append(piece.Length).Distinct().Order().ToArray();
            var start = 0;
            foreach (var cut in cuts)
            {
                await socket.SendAsync(piece.AsMemory(start, cut - start), type, cut == piece.Length, timeout.Token);
                start = cut;
            }
        }

        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
    }

    /// <summary>The HTTP upgrade by hand, then bytes that break WebSocket framing: random, unmasked, huge lengths.</summary>
    private static async Task SendRawWebSocketAsync(IPEndPoint http, GarbageCorpus corpus)
    {
        await using var raw = await RawClient.ConnectAsync(http);
        await raw.SendAsync(
            $"GET /ws HTTP/1.1\r\nHost: {http}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        var response = await raw.ReceiveUntilAsync("\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 101", response, StringComparison.Ordinal);
        foreach (var piece in corpus.RawWebSocketPieces())
        {
            await raw.SendAsync(piece);
        }
    }
}
