using System.Threading.Channels;

using Microsoft.Extensions.Logging.Abstractions;

using Parley.Core.Cluster;
using Parley.Server.Cluster;
using Parley.Server.Storage;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Cluster;

/// <summary>Two (or three) backplane nodes on one real PostgreSQL database, as two servers would use it.</summary>
public sealed class PostgresBackplaneTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly ClusterOptions Fast = new() { HeartbeatInterval = TimeSpan.FromMilliseconds(50), NodeLease = TimeSpan.FromMilliseconds(500) };
    private readonly List<PostgresBackplane> _nodes = [];
    private PostgresTestDatabase? _database;

    public async Task InitializeAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();

        // The history store creates the schema; the backplane uses it.
        await using var store = new PostgresHistoryStore(_database.ConnectionString, NullLogger.Instance);
        await store.OpenAsync(None).WaitAsync(Timeout);
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Events_reach_the_other_node_in_order_and_not_their_own()
    {
        var (a, atA) = await StartNodeAsync(ClusterOptions());
        var (b, atB) = await StartNodeAsync(ClusterOptions());

        for (var i = 1; i <= 20; i++)
        {
            await a.PublishAsync(Message(a, i, $"hello {i}"), None).WaitAsync(Timeout);
        }

        await b.PublishAsync(Message(b, 99, "from b"), None).WaitAsync(Timeout);
        for (var i = 1; i <= 20; i++)
        {
            var received = await atB.Reader.ReadAsync().AsTask().WaitAsync(Timeout);
            Assert.Equal(i, received.Id);
            Assert.Equal($"hello {i}", received.Text);
            Assert.Equal(a.NodeId, received.Node);
        }

        // A's own events, committed before B's, never came back to A: the first thing A hears is B's.
        Assert.Equal(99, (await atA.Reader.ReadAsync().AsTask().WaitAsync(Timeout)).Id);
    }

    [Fact]
    public async Task An_event_larger_than_a_notify_payload_arrives_whole()
    {
        var (a, _) = await StartNodeAsync(ClusterOptions());
        var (_, atB) = await StartNodeAsync(ClusterOptions());
        var big = string.Concat(Enumerable.Repeat("é-large-", 2000));

        await a.PublishAsync(Message(a, 1, big), None).WaitAsync(Timeout);
        await a.PublishAsync(Message(a, 2, "small after large"), None).WaitAsync(Timeout);

        Assert.Equal(big, (await atB.Reader.ReadAsync().AsTask().WaitAsync(Timeout)).Text);
        Assert.Equal("small after large", (await atB.Reader.ReadAsync().AsTask().WaitAsync(Timeout)).Text);
    }

    [Fact]
    public async Task A_nickname_held_on_one_node_is_refused_on_another_until_released()
    {
        var (a, _) = await StartNodeAsync(ClusterOptions());
        var (b, _) = await StartNodeAsync(ClusterOptions());

        Assert.True(await a.TryClaimNickAsync("Alice", None).WaitAsync(Timeout));
        Assert.False(await b.TryClaimNickAsync("alice", None).WaitAsync(Timeout));
        // Claiming again what this node holds (a change of case) keeps it, spelled the new way.
        Assert.True(await a.TryClaimNickAsync("ALICE", None).WaitAsync(Timeout));
        Assert.Equal([("ALICE", a.NodeId)], await a.ListNicksAsync(None).WaitAsync(Timeout));

        await a.ReleaseNickAsync("alice", None).WaitAsync(Timeout);
        Assert.True(await b.TryClaimNickAsync("alice", None).WaitAsync(Timeout));
    }

    [Fact]
    public async Task A_node_that_stops_frees_its_nicknames_and_the_others_hear_its_users_are_gone()
    {
        var (a, _) = await StartNodeAsync(ClusterOptions());
        var (b, atB) = await StartNodeAsync(ClusterOptions());
        Assert.True(await a.TryClaimNickAsync("alice", None).WaitAsync(Timeout));
        Assert.True(await a.TryClaimNickAsync("bob", None).WaitAsync(Timeout));

        await a.DisposeAsync();

        var gone = await atB.Reader.ReadAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal(ClusterEventKind.NodeGone, gone.Kind);
        Assert.Equal(a.NodeId, gone.Node);
        Assert.Equal("alice bob", gone.Text);
        Assert.True(await b.TryClaimNickAsync("alice", None).WaitAsync(Timeout));
    }

    [Fact]
    public async Task A_crashed_nodes_nicknames_are_freed_when_its_lease_runs_out()
    {
        var (a, _) = await StartNodeAsync(Fast);
        var (b, atB) = await StartNodeAsync(Fast);
        Assert.True(await a.TryClaimNickAsync("carol", None).WaitAsync(Timeout));
        Assert.False(await b.TryClaimNickAsync("carol", None).WaitAsync(Timeout));

        // No goodbye, as after kill -9: B's heartbeat loop finds A's lease run out and reaps it.
        await a.AbandonAsync();

        var gone = await atB.Reader.ReadAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal(ClusterEventKind.NodeGone, gone.Kind);
        Assert.Equal(a.NodeId, gone.Node);
        Assert.Equal("carol", gone.Text);
        Assert.True(await b.TryClaimNickAsync("carol", None).WaitAsync(Timeout));
    }

    // Heartbeats slow enough that no node is reaped while a test runs on a loaded machine.
    private static ClusterOptions ClusterOptions() => new() { HeartbeatInterval = TimeSpan.FromSeconds(1), NodeLease = TimeSpan.FromMinutes(5) };

    // Messages travel in the store's transaction, not through PublishAsync: these events stand for any other kind.
    private static ClusterEvent Message(PostgresBackplane node, long id, string text) =>
        new(ClusterEventKind.Joined, node.NodeId, "#general", "alice", null, text, id, id, DateTimeOffset.UnixEpoch);

    private async Task<(PostgresBackplane Node, Channel<ClusterEvent> Received)> StartNodeAsync(ClusterOptions options)
    {
        var node = new PostgresBackplane(_database!.ConnectionString, options, TimeProvider.System, NullLogger.Instance);
        _nodes.Add(node);
        var received = Channel.CreateUnbounded<ClusterEvent>();
        // Resumed is the node's own "listening and caught up" signal, not another node's event.
        await node.StartAsync(0, e => _ = e.Kind == ClusterEventKind.Resumed || received.Writer.TryWrite(e), None).WaitAsync(Timeout);
        return (node, received);
    }
}
