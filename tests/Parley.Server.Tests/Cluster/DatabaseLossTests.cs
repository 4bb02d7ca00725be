using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Cluster;

/// <summary>Two nodes lose their database (this test's database only, so tests beside it run on): they refuse messages
/// with a clear error meanwhile, come back by themselves, and deliver every committed message once, in order.</summary>
public sealed class DatabaseLossTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly Dictionary<string, string?> Echo = new() { ["Parley:Hub:Echo"] = "true" };
    private PostgresTestDatabase? _database;

    public async Task InitializeAsync() => _database = await PostgresTestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await ClusterTestNodes.AdminAsync($"ALTER DATABASE {_database.Name} ALLOW_CONNECTIONS true;");
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Messages_committed_while_a_node_was_not_listening_are_caught_up_by_id()
    {
        await using var nodeA = await ClusterTestNodes.StartAsync(_database!);
        await using var nodeB = await ClusterTestNodes.StartAsync(_database!);
        await using var alice = await JsonClient.HelloAsync(nodeA.Json, "alice");
        await using var bob = await JsonClient.HelloAsync(nodeB.Json, "bob");
        await alice.ReadUntilAsync(f => f.Str("type") == "joined" && f.Str("user") == "bob");

        // Both nodes' LISTEN connections drop; alice goes on talking at once, so messages commit while nobody listens.
        await ClusterTestNodes.AdminAsync(
            $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{_database!.Name}' AND application_name = 'parley-listen';");
        for (var i = 0; i < 30; i++)
        {
            await alice.SendAsync($$"""{"type":"message","message":"during {{i}}"}""" + "\n");
        }

        var ids = new List<long>();
        for (var i = 0; i < 30; i++)
        {
            var frame = await bob.ReadUntilAsync(f => f.Str("type") == "message", Deadline);
            Assert.Equal($"during {i}", frame.Str("message"));
            ids.Add(frame.Num("id")!.Value);
        }

        Assert.Equal(ids.Order(), ids);
    }

    [Fact]
    public async Task While_the_database_is_unreachable_messages_are_refused_and_both_nodes_carry_on_after()
    {
        await using var nodeA = await ClusterTestNodes.StartAsync(_database!, Echo);
        await using var nodeB = await ClusterTestNodes.StartAsync(_database!, Echo);
        await using var alice = await JsonClient.HelloAsync(nodeA.Json, "alice");
        await using var bob = await JsonClient.HelloAsync(nodeB.Json, "bob");
        await alice.ReadUntilAsync(f => f.Str("type") == "joined" && f.Str("user") == "bob");
        var (before, _) = await ClusterTestNodes.SendUntilDeliveredAsync(alice, "before", Deadline);
        await bob.ReadUntilAsync(f => f.Str("message") == before);

        // No connection to the database is possible, and every open one is cut.
        await ClusterTestNodes.AdminAsync($"ALTER DATABASE {_database!.Name} ALLOW_CONNECTIONS false;");
        await ClusterTestNodes.AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{_database.Name}';");
        await alice.SendAsync("""{"type":"message","message":"while away"}""" + "\n");
        var refused = await alice.ReadUntilAsync(f => f.Str("type") == "error", Deadline);
        Assert.Equal("history-unavailable", refused.Str("code"));
        Assert.Contains("not sent", refused.Str("text"), StringComparison.Ordinal);

        await ClusterTestNodes.AdminAsync($"ALTER DATABASE {_database.Name} ALLOW_CONNECTIONS true;");
        var (fromA, idA) = await ClusterTestNodes.SendUntilDeliveredAsync(alice, "after from A", Deadline);
        Assert.Equal(idA, (await bob.ReadUntilAsync(f => f.Str("message") == fromA, Deadline)).Num("id"));
        var (fromB, idB) = await ClusterTestNodes.SendUntilDeliveredAsync(bob, "after from B", Deadline);
        Assert.Equal(idB, (await alice.ReadUntilAsync(f => f.Str("message") == fromB, Deadline)).Num("id"));
    }
}
