using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Connections;

/// <summary>An unframed (one message per recv()) client in a busy room: what queues up during the write gap goes
/// out as one write, one message per line, so a client that reads everything keeps up and stays connected.</summary>
public sealed partial class UnframedBatchingTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    // The issue's case as stated: a minute at 200 messages per second (12,000 messages). Without batching an unframed
    // client gets one message per 40 ms write gap (25 per second), so its queue would pass SendQueueBytes within
    // seconds; a minute also shows the batching holds once the queue has cycled many times. Test classes run in
    // parallel, so this minute overlaps the rest of the suite.
    [Theory]
    [InlineData(60)]
    public async Task An_unframed_client_that_reads_everything_stays_connected_in_a_200_message_per_second_room(int seconds)
    {
        const int PerSecond = 200;
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Server:SendQueueBytes"] = "65536",
        });
        await using var reader = await RawClient.ConnectAsync(server.Text);
        Assert.Equal("NICK", await reader.ReceiveAsync());
        await reader.SendAsync("reader");
        await reader.ReceiveUntilAsync("Connected to server!");
        await using var talker = await JsonClient.HelloAsync(server.Json, "talker");
        var speaker = server.Hub.Find("talker")!;

        var total = seconds * PerSecond;
        var receiving = Task.Run(async () =>
        {
            var lines = new List<string>();
            var recvs = 0;
            while (lines.Count < total)
            {
                var chunk = await reader.ReceiveAsync(Deadline);
                if (chunk.Length == 0)
                {
                    throw new EndOfStreamException($"Closed after {lines.Count} messages.");
                }

                // Each write is one message, or several with a newline between them; writes carry no terminator.
                recvs++;
                lines.AddRange(Message().Matches(chunk).Select(m => m.Value));
            }

            return (lines, recvs);
        });

        // 200 messages per second, paced in steps of 10 every 50 ms.
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        for (var n = 0; n < total;)
        {
            for (var i = 0; i < PerSecond / 20; i++, n++)
            {
                server.Hub.Say(speaker, null, $"message {n}.", null, out _);
            }

            await pace.WaitForNextTickAsync();
        }

        var (received, writes) = await receiving.WaitAsync(Deadline);
        Assert.Equal(Enumerable.Range(0, total).Select(n => $"talker: message {n}."), received);
        Assert.True(writes < total / 2, $"{total} messages came in {writes} recv() calls: they were not batched");
        Assert.NotNull(server.Hub.Find("reader"));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"talker: message \d+\.")]
    private static partial System.Text.RegularExpressions.Regex Message();
}
