using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Connections;

/// <summary>Fair senders: flooders are slowed and then cut off; nobody else loses anything.</summary>
public sealed class FloodTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Fifty_flooders_do_not_cost_two_witnesses_a_message_their_order_or_their_connection()
    {
        const int Flooders = 50;
        const int WitnessMessages = 30;
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Server:MessagesPerSecond"] = "20",
            ["Parley:Server:MessageBurst"] = "40",
            ["Parley:Server:FloodTimeout"] = "00:00:02",
        });
        await using var ann = await Join(server, "ann");
        await using var bob = await Join(server, "bob");

        var flooders = new List<RawClient>();
        try
        {
            for (var i = 0; i < Flooders; i++)
            {
                flooders.Add(await Join(server, $"f{i}"));
            }

            // Flooders read what they get (so they are not slow consumers) and write as fast as TCP lets them.
            using var stop = new CancellationTokenSource();
            var drains = flooders.Select(f => Task.Run(() => DrainAsync(f, stop.Token))).ToArray();
            var floods = flooders.Select((f, i) => Task.Run(async () =>
            {
                var burst = string.Concat(Enumerable.Range(0, 200).Select(n => $"f{i}: flood {n}\n"));
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        await f.SendAsync(burst);
                    }
                    catch (Exception ex) when (ex is IOException or TimeoutException or ObjectDisposedException)
                    {
                        return;
                    }
                }
            })).ToArray();

            // The witnesses chat meanwhile, within their budget.
            var annHears = Task.Run(() => CollectAsync(ann, "bob", WitnessMessages));
            var bobHears = Task.Run(() => CollectAsync(bob, "ann", WitnessMessages));
            for (var n = 0; n < WitnessMessages; n++)
            {
                await ann.SendAsync($"ann: w{n}\n");
                await bob.SendAsync($"bob: w{n}\n");
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }

            var heardByAnn = await annHears.WaitAsync(Deadline);
            var heardByBob = await bobHears.WaitAsync(Deadline);
            var expected = Enumerable.Range(0, WitnessMessages).Select(n => $"w{n}").ToArray();
            Assert.Equal(expected, heardByAnn);
            Assert.Equal(expected, heardByBob);
            Assert.NotNull(server.Hub.Find("ann"));
            Assert.NotNull(server.Hub.Find("bob"));

            await stop.CancelAsync();
        }
        finally
        {
            foreach (var flooder in flooders)
            {
                await flooder.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_persistent_flooder_gets_the_flood_error_and_is_disconnected()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Server:MessagesPerSecond"] = "5",
            ["Parley:Server:MessageBurst"] = "5",
            ["Parley:Server:FloodTimeout"] = "00:00:01",
        });
        await using var flooder = await Join(server, "flooder");
        var burst = string.Concat(Enumerable.Range(0, 100).Select(n => $"flooder: {n}\n"));
        await flooder.SendAsync(burst);

        var error = await flooder.ReadLineUntilAsync(l => l.StartsWith("error", StringComparison.Ordinal), Deadline);
        Assert.StartsWith("error: Excess flood", error, StringComparison.Ordinal);
        Assert.True(await flooder.WaitForCloseAsync(Deadline));
    }

    private static async Task<RawClient> Join(TestServer server, string nick)
    {
        var client = await RawClient.ConnectAsync(server.Text);
        Assert.Equal("NICK", await client.ReceiveAsync());
        await client.SendAsync(nick + "\n");
        await client.ReadLineUntilAsync(l => l == "Connected to server!");
        return client;
    }

    private static async Task DrainAsync(RawClient client, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested && await client.ReadLineAsync(Deadline) is not null)
            {
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    /// <summary>The texts of <paramref name="from"/>'s messages, in arrival order; fails on an error or a close.</summary>
    private static async Task<string[]> CollectAsync(RawClient client, string from, int count)
    {
        var heard = new List<string>();
        var prefix = from + ": ";
        while (heard.Count < count)
        {
            var line = await client.ReadLineAsync(Deadline);
            Assert.NotNull(line);
            Assert.False(line.StartsWith("error", StringComparison.Ordinal), line);
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                heard.Add(line[prefix.Length..]);
            }
        }

        return [.. heard];
    }
}
