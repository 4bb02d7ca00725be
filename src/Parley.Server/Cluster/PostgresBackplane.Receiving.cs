using System.Globalization;
using System.Text.Json;

using Npgsql;

using Parley.Core.Cluster;

namespace Parley.Server.Cluster;

/// <summary>
/// The receive loop. Rule for messages: the store numbers them under one lock and notifies in the same transaction,
/// so notifications arrive in id order; the loop hands on each id above <see cref="_messagesThrough"/> once, and after
/// every (re)LISTEN reads the rows above it from the messages table before any newer notification: a message
/// committed while this node was not listening is delivered late, never skipped, never twice.
/// </summary>
public sealed partial class PostgresBackplane
{
    private const string MessageColumns = "id, room, sender, recipient, text, seq, time, coalesce(node, '')";

    private async Task HandleLoopAsync(CancellationToken stopping)
    {
        await foreach (var inbound in _inbox.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            var payload = inbound.Payload ?? string.Empty;
            try
            {
                if (inbound.Listening is { } listening)
                {
                    await ResumeAsync(listening, stopping).ConfigureAwait(false);
                    continue;
                }

                var clusterEvent = payload switch
                {
                    ['#', 'm', ..] => await ReadMessageAsync(ParseId(payload, 2), stopping).ConfigureAwait(false),
                    ['#', ..] => await FetchLargeAsync(ParseId(payload, 1), stopping).ConfigureAwait(false) is { } json
                        ? JsonSerializer.Deserialize(json, ClusterEventJson.Default.ClusterEvent)
                        : null,
                    _ => JsonSerializer.Deserialize(payload, ClusterEventJson.Default.ClusterEvent),
                };
                if (clusterEvent is not null)
                {
                    Hand(clusterEvent);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogBadEvent(payload.Length > 200 ? payload[..200] : payload, ex);
            }
        }
    }

    private void Hand(ClusterEvent clusterEvent)
    {
        if (clusterEvent.Kind is ClusterEventKind.RoomMessage or ClusterEventKind.DirectMessage)
        {
            if (clusterEvent.Id <= _messagesThrough)
            {
                return;
            }

            _messagesThrough = clusterEvent.Id;
        }
        else if (clusterEvent.Node == NodeId && clusterEvent.Kind != ClusterEventKind.NodeGone && !clusterEvent.Kind.ReachesOwnNode())
        {
            // Its own publishes (but room state, which every node applies in the one order of notifications); a
            // NodeGone naming this node means the others reaped it, which it must hear.
            return;
        }

        _receive?.Invoke(clusterEvent);
    }

    /// <summary>Once the LISTEN of this attempt holds, reads every message above the watermark (retrying while the
    /// database is away: nothing newer may be handed on first), then tells the receiver it has resumed.</summary>
    private async Task ResumeAsync(Task listening, CancellationToken stopping)
    {
        try
        {
            await listening.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // That attempt failed; the next one queues its own marker.
            return;
        }

        var delay = _options.ReconnectMinDelay;
        while (true)
        {
            try
            {
                await CatchUpAsync(stopping).ConfigureAwait(false);
                break;
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested && ex is NpgsqlException or TimeoutException or IOException)
            {
                LogListenLost(delay, ex);
                await Task.Delay(delay, _time, stopping).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.ReconnectMaxDelay.Ticks));
            }
        }

        _receive?.Invoke(new ClusterEvent(ClusterEventKind.Resumed, NodeId, null, null, null, null, 0, 0, _time.GetUtcNow()));
        _listening.TrySetResult();
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await using var command = _source.CreateCommand($"SELECT {MessageColumns} FROM messages WHERE id > $1 ORDER BY id LIMIT $2;");
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _messagesThrough });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = _options.CatchUpPageSize });
            var rows = new List<ClusterEvent>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(MessageOf(reader));
                }
            }

            foreach (var row in rows)
            {
                Hand(row);
            }

            if (rows.Count < _options.CatchUpPageSize)
            {
                return;
            }
        }
    }

    /// <summary>A message too large for its notification, read from its row.</summary>
    private async Task<ClusterEvent?> ReadMessageAsync(long id, CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand($"SELECT {MessageColumns} FROM messages WHERE id = $1;");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? MessageOf(reader) : null;
    }

    private static ClusterEvent MessageOf(NpgsqlDataReader reader)
    {
        var room = reader.IsDBNull(1) ? null : reader.GetString(1);
        return new ClusterEvent(
            room is null ? ClusterEventKind.DirectMessage : ClusterEventKind.RoomMessage,
            reader.GetString(7),
            room,
            reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.GetString(4),
            reader.GetInt64(0),
            reader.GetInt64(5),
            new DateTimeOffset(reader.GetFieldValue<DateTime>(6), TimeSpan.Zero));
    }

    private async Task<string?> FetchLargeAsync(long id, CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand("SELECT payload FROM cluster_events WHERE id = $1;");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    private static long ParseId(string payload, int start) => long.Parse(payload.AsSpan(start), CultureInfo.InvariantCulture);

    /// <summary>A notification's payload, or (<see cref="Listening"/> set) the marker of one LISTEN attempt.</summary>
    private readonly record struct Inbound(string? Payload, Task? Listening);
}
