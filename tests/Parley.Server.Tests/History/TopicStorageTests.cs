using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.History;

/// <summary>A single node on SQLite keeps a room's topic in its store: a restarted server (same data file) has it.</summary>
public sealed class TopicStorageTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"parley-topic-{Guid.NewGuid():N}.db");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(_data + suffix);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_topic_set_before_a_restart_is_the_rooms_topic_after_it()
    {
        var settings = new Dictionary<string, string?> { ["Parley:History:Data"] = _data };
        await using (var first = await TestServer.StartAsync(settings))
        {
            await using var ann = await IrcClient.RegisterAsync(first.Irc, "ann");
            await ann.SendAsync("JOIN #keep");
            await ann.ExpectAsync("366");
            await ann.SendAsync("TOPIC #keep :kept across restarts");
            await ann.ExpectAsync("TOPIC");

            // Saved off the caller's path: wait until the store has it before stopping.
            var deadline = DateTime.UtcNow + Timeout;
            while (!(await first.Hub.HistoryStore!.LoadRoomsAsync(default)).Any(r => r.Name == "#keep" && r.Topic == "kept across restarts"))
            {
                Assert.True(DateTime.UtcNow < deadline, "the topic was never stored");
                await Task.Delay(20);
            }
        }

        await using var second = await TestServer.StartAsync(settings);
        Assert.Equal("kept across restarts", second.Hub.GetRoom("#keep")?.Topic);
        await using var bea = await IrcClient.RegisterAsync(second.Irc, "bea");
        await bea.SendAsync("JOIN #keep");
        Assert.Equal(":parley 332 bea #keep :kept across restarts", await bea.ExpectAsync("332"));
        var next = await bea.ReadLineAsync(Timeout);
        Assert.NotEqual("333", IrcClient.CommandOf(next!));
    }
}
