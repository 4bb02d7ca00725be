using System.Text;
using System.Text.Json;
using System.Threading.Channels;

using Microsoft.Extensions.Logging;

using Npgsql;

using Parley.Core.Cluster;

namespace Parley.Server.Cluster;

/// <summary>
/// The backplane on PostgreSQL: events go out with pg_notify on one channel and come in on one dedicated LISTEN
/// connection per node; nodes heartbeat into the nodes table and claim nicknames in nick_claims (schema: migration 2
/// of <see cref="Storage.PostgresMigrations"/>, so the history store must have opened the database first).
/// A NOTIFY payload must stay under 8000 bytes: a larger event is stored in cluster_events and its notification
/// carries "#id" only. One node's publishes are serialised (<see cref="_publishGate"/>), and PostgreSQL delivers
/// notifications in commit order, so every node sees one node's events in the order it published them.
/// Ownership: the listen loop owns the LISTEN connection and writes raw payloads to <see cref="_inbox"/>; the
/// receive loop alone reads it, fetches large events and calls the receiver, one event at a time.
/// </summary>
public sealed partial class PostgresBackplane : IBackplane
{
    /// <summary>The NOTIFY channel every node listens on.</summary>
    public const string Channel = "parley_events";

    /// <summary>PostgreSQL refuses payloads of 8000 bytes or more; this leaves room for its own framing.</summary>
    public const int MaxNotifyBytes = 7900;

    /// <summary>The application_name of each node's LISTEN connection (pg_stat_activity shows which it is).</summary>
    public const string ListenApplicationName = "parley-listen";

    private readonly NpgsqlDataSource _source;
    private readonly ClusterOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _publishGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();

    // Unbounded on purpose: the NOTIFY handler runs inside Npgsql's read and must not block or drop; the receive
    // loop never blocks (receivers MUST NOT), so the backlog is what PostgreSQL has delivered and not yet handled.
    private readonly Channel<Inbound> _inbox = System.Threading.Channels.Channel.CreateUnbounded<Inbound>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Action<ClusterEvent>? _receive;

    // The highest message id handed to the receiver: owned by the receive loop (set before it starts).
    private long _messagesThrough;
    private Task _listen = Task.CompletedTask;
    private Task _handle = Task.CompletedTask;
    private Task _heartbeat = Task.CompletedTask;
    private int _stopped;

    public PostgresBackplane(string connectionString, ClusterOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _source = NpgsqlDataSource.Create(connectionString);
        _options = options;
        _time = time;
        _logger = logger;
        NodeId = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
    }

    public string NodeId { get; }

    public async Task StartAsync(long messagesThrough, Action<ClusterEvent> receive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receive);
        _receive = receive;
        _messagesThrough = messagesThrough;
        await BeatAsync(cancellationToken).ConfigureAwait(false);
        var stopping = _stopping.Token;
        _handle = Task.Run(() => HandleLoopAsync(stopping), CancellationToken.None);
        _listen = Task.Run(() => ListenLoopAsync(stopping), CancellationToken.None);
        _heartbeat = Task.Run(() => HeartbeatLoopAsync(stopping), CancellationToken.None);

        // Events published after this returns reach this node, and it has caught up on every message stored before.
        await _listening.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        LogStarted(NodeId);
    }

    public async Task PublishAsync(ClusterEvent clusterEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clusterEvent);
        var payload = JsonSerializer.Serialize(clusterEvent, ClusterEventJson.Default.ClusterEvent);
        if (clusterEvent.Kind is ClusterEventKind.RoomMessage or ClusterEventKind.DirectMessage or ClusterEventKind.Resumed)
        {
            throw new ArgumentException("Messages are announced by the store that commits them; Resumed never travels.", nameof(clusterEvent));
        }

        // A topic is stored by the same statement (one transaction) that notifies it, so the stored topic changes in
        // the order the nodes hear the changes: the last one heard is the one stored.
        var topic = clusterEvent is { Kind: ClusterEventKind.Topic, Room: { } room } ? room : null;
        var store = topic is null
            ? string.Empty
            : "t AS (INSERT INTO rooms (key, name, topic, created) VALUES (lower($2), $2, $3, now()) ON CONFLICT (key) DO UPDATE SET topic = excluded.topic), ";
        var sql = Encoding.UTF8.GetByteCount(payload) < MaxNotifyBytes
            ? (store.Length == 0 ? string.Empty : "WITH " + store[..^2] + " ") + $"SELECT pg_notify('{Channel}', $1);"
            : $"WITH {store}e AS (INSERT INTO cluster_events (payload, created) VALUES ($1, now()) RETURNING id) SELECT pg_notify('{Channel}', '#' || id) FROM e;";
        await _publishGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = _source.CreateCommand(sql);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = payload });
            if (topic is not null)
            {
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = topic });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clusterEvent.Text ?? string.Empty });
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _publishGate.Release();
        }
    }

    /// <summary>Leaves the cluster: stops listening and heartbeating, frees this node's nicknames and tells the
    /// others its users are gone.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!await StopLoopsAsync().ConfigureAwait(false))
        {
            return;
        }

        try
        {
            var nicks = await DeregisterAsync(CancellationToken.None).ConfigureAwait(false);
            await PublishAsync(Gone(NodeId, nicks), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            // The database is gone too: the others reap this node when its lease runs out.
            LogHeartbeatFailed(ex);
        }

        await _source.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Stops as a crashed node would (kill -9): no goodbye, the node's row and claims stay until the lease
    /// runs out. For tests of what the other nodes do.</summary>
    internal async Task AbandonAsync()
    {
        if (await StopLoopsAsync().ConfigureAwait(false))
        {
            await _source.DisposeAsync().ConfigureAwait(false);
        }
    }

    private ClusterEvent Gone(string node, string nicks) =>
        new(ClusterEventKind.NodeGone, node, null, null, null, nicks, 0, 0, _time.GetUtcNow());

    private async Task<bool> StopLoopsAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return false;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _inbox.Writer.TryComplete();
        await Task.WhenAll(_listen, _heartbeat, _handle).ConfigureAwait(false);
        _stopping.Dispose();
        return true;
    }

    private async Task ListenLoopAsync(CancellationToken stopping)
    {
        var delay = _options.ReconnectMinDelay;
        var lost = false;
        while (!stopping.IsCancellationRequested)
        {
            var attempt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            try
            {
                await using var connection = await _source.OpenConnectionAsync(stopping).ConfigureAwait(false);
                connection.Notification += (_, e) => _inbox.Writer.TryWrite(new Inbound(e.Payload, null));

                // The catch-up marker goes in before LISTEN, so every notification comes after it; the receive loop
                // waits for LISTEN to hold before reading what it missed, so nothing falls between the two.
                _inbox.Writer.TryWrite(new Inbound(null, attempt.Task));
                await using (var listen = new NpgsqlCommand($"SET application_name = '{ListenApplicationName}'; LISTEN {Channel};", connection))
                {
                    await listen.ExecuteNonQueryAsync(stopping).ConfigureAwait(false);
                }

                attempt.TrySetResult();
                if (lost)
                {
                    LogListening();
                }

                delay = _options.ReconnectMinDelay;
                while (true)
                {
                    await connection.WaitAsync(stopping).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                attempt.TrySetCanceled(stopping);
                return;
            }
            catch (Exception ex)
            {
                attempt.TrySetCanceled(CancellationToken.None);
                lost = true;
                LogListenLost(delay, ex);
                try
                {
                    await Task.Delay(delay, _time, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.ReconnectMaxDelay.Ticks));
            }
        }
    }
}
