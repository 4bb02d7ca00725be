using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Connections;

/// <summary>Overload on real sockets: a reader that stops reading is cut off with its reason; a server that is
/// slower than its senders slows the senders and disconnects nobody.</summary>
public sealed class SlowConsumerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_client_that_stops_reading_is_cut_off_with_its_reason_while_the_room_carries_on()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Server:SendQueueBytes"] = "16384",
            ["Parley:Server:MessagesPerSecond"] = "0",

            // REGISTER must come before the NICK prompt even on a loaded machine.
            ["Parley:Server:NickGracePeriod"] = "00:00:10",
        });
        await using var stalled = await LineSocket.ConnectAsync(server.Text, receiveBufferSize: 4096);
        await stalled.SendAsync("REGISTER stalled CHAT/1.0\n");
        Assert.Equal("200 Registration successful", await stalled.ReadLineAsync(Deadline));
        await using var witness = await JsonClient.HelloAsync(server.Json, "witness");
        await using var talker = await JsonClient.HelloAsync(server.Json, "talker");
        var speaker = server.Hub.Find("talker")!;

        // The talker speaks; the witness reads every message; "stalled" reads nothing from here on.
        var text = new string('x', 2000);
        var said = 0;
        string? reason = null;
        while (reason is null)
        {
            Assert.True(said < 20_000, "the stalled reader was never cut off");
            server.Hub.Say(speaker, null, $"{said} {text}", null, out _);
            said++;
            var frame = await witness.ReadUntilAsync(f => f.Str("type") is "message" or "left", Deadline);
            if (frame.Str("type") == "left")
            {
                Assert.Equal("stalled", frame.Str("user"));
                reason = frame.Str("reason");
            }
        }

        Assert.Equal("slow consumer", reason);

        // The room carries on.
        await talker.SendAsync("""{"type":"message","message":"still here"}""" + "\n");
        Assert.Equal("still here", (await witness.ReadUntilAsync(f => f.Str("type") == "message" && f.Str("user") == "talker" && f.Str("message")!.Length < 20, Deadline)).Str("message"));

        // The stalled client reads again: what the path held, then why it was cut off, then the end.
        string? last = null;
        while (await stalled.ReadLineAsync(Deadline) is { } line)
        {
            last = line;
        }

        Assert.StartsWith("error: SendQ exceeded", last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_slower_than_its_senders_slows_them_down_and_disconnects_no_reader()
    {
        const int Senders = 12;
        const int Readers = 12;
        const int PerSender = 150;
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            // A small send queue: if the server let queues grow because it is busy, readers would be cut off.
            ["Parley:Server:SendQueueBytes"] = "8192",
            ["Parley:Server:MessagesPerSecond"] = "0",
        });

        var clients = new List<RawClient>();
        try
        {
            for (var i = 0; i < Senders + Readers; i++)
            {
                var client = await RawClient.ConnectAsync(server.Text);
                clients.Add(client);
                Assert.Equal("NICK", await client.ReceiveAsync());
                await client.SendAsync($"c{i}\n");
                await client.ReadLineUntilAsync(l => l == "Connected to server!");
            }

            for (var i = 0; i < clients.Count - 1; i++)
            {
                await clients[i].ReadLineUntilAsync(l => l == $"c{clients.Count - 1} joined!");
            }

            // Every client reads everything, in its own task, while the senders write as fast as they can.
            var readers = clients.Select((client, index) => Task.Run(() => ReadAllAsync(client, index))).ToArray();
            var senders = Enumerable.Range(0, Senders).Select(s => Task.Run(async () =>
            {
                var payload = string.Concat(Enumerable.Range(0, PerSender).Select(n => $"c{s}: {n} {new string('m', 200)}\n"));
                await clients[s].SendAsync(payload);
            })).ToArray();
            await Task.WhenAll(senders).WaitAsync(Deadline);
            var results = await Task.WhenAll(readers).WaitAsync(Deadline);

            Assert.All(results, r => Assert.Null(r));
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }

        // Null when the client got every other sender's messages in order and was never cut off; else what went wrong.
        static async Task<string?> ReadAllAsync(RawClient client, int self)
        {
            var next = new int[Senders];
            var expected = Enumerable.Range(0, Senders).Count(s => s != self) * PerSender;
            for (var seen = 0; seen < expected;)
            {
                var line = await client.ReadLineAsync(Deadline);
                if (line is null || line.StartsWith("error", StringComparison.Ordinal) || line.EndsWith(" left", StringComparison.Ordinal))
                {
                    return $"c{self} got \"{line}\" after {seen} messages";
                }

                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon < 2 || !line.StartsWith('c') || !int.TryParse(line.AsSpan(1, colon - 1), out var sender))
                {
                    continue;
                }

                var number = int.Parse(line.AsSpan(colon + 2, line.IndexOf(' ', colon + 2) - colon - 2), System.Globalization.CultureInfo.InvariantCulture);
                if (number != next[sender])
                {
                    return $"c{self} got c{sender}'s {number}, expected {next[sender]}";
                }

                next[sender]++;
                seen++;
            }

            return null;
        }
    }
}
