using System.Text;
using System.Text.Json;

using Npgsql;

using NpgsqlTypes;

using Parley.Core.Cluster;
using Parley.Core.History;
using Parley.Server.Cluster;

namespace Parley.Server.Storage;

/// <summary>
/// The store as the cluster's (--postgres): the database numbers messages and announces each one in the transaction
/// that stores it. Rule: a batch takes the append lock (<see cref="PostgresMigrations.AppendLockKey"/>, held to its
/// commit), then its ids from message_ids, so batches commit in id order on every node; its NOTIFYs are delivered
/// only if it commits, in commit order. Each NOTIFY carries the whole message, or "#m" and its id when that would not
/// fit a payload (the receivers read the row). Each batch gets a number of this store's own, kept per node in
/// stored_batches in the batch's transaction, so a batch the writer retries because its commit's acknowledgement was
/// lost is recognised under the lock and not stored (nor announced) twice. A retry is the same entries again (the
/// writer's contract: it calls again with the batch it could not commit), recognised by its first entry's identity.
/// </summary>
public sealed partial class PostgresHistoryStore
{
    private const string ClusterInsertSql =
        $"INSERT INTO messages ({PostgresMessageColumns.Names}, node) SELECT *, $10 FROM {PostgresMessageColumns.Unnest};";

    private string? _clusterNode;

    // One writer calls AppendAsync at a time (the store's contract), so these need no lock.
    private long _batchNumber;
    private HistoryEntry? _batchFirst;

    /// <summary>From now on <see cref="AppendAsync"/> numbers and announces messages as node <paramref name="nodeId"/>.
    /// Moves the numbering past every stored id first (a database a single node numbered itself).</summary>
    internal async Task JoinClusterAsync(string nodeId, CancellationToken cancellationToken)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand(
            $"""
            SELECT pg_advisory_xact_lock({PostgresMigrations.AppendLockKey});
            SELECT setval('message_ids', greatest((SELECT coalesce(max(id), 0) FROM messages), (SELECT last_value FROM message_ids)) + 1, false);
            """,
            connection,
            transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        _clusterNode = nodeId;
    }

    private async Task AppendClusteredAsync(IReadOnlyList<HistoryEntry> batch, string node, CancellationToken cancellationToken)
    {
        if (!ReferenceEquals(batch[0], _batchFirst))
        {
            _batchFirst = batch[0];
            _batchNumber++;
        }

        var number = _batchNumber;
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var ids = new long[batch.Count];
        await using (var numbering = new NpgsqlBatch(connection, transaction))
        {
            numbering.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT pg_advisory_xact_lock({PostgresMigrations.AppendLockKey});"));
            var stored = new NpgsqlBatchCommand("SELECT coalesce((SELECT last_batch FROM stored_batches WHERE node_id = $1), 0);");
            stored.Parameters.Add(new NpgsqlParameter<string> { TypedValue = node });
            numbering.BatchCommands.Add(stored);
            var next = new NpgsqlBatchCommand("SELECT nextval('message_ids') FROM generate_series(1, $1);");
            next.Parameters.Add(new NpgsqlParameter<int> { TypedValue = batch.Count });
            numbering.BatchCommands.Add(next);
            await using var reader = await numbering.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (reader.GetInt64(0) >= number)
            {
                // Stored by an earlier attempt whose commit succeeded unacknowledged: its NOTIFYs went out with it.
                // Rolling back returns the ids just taken (a gap in the sequence, as any rollback leaves).
                return;
            }

            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < ids.Length && await reader.ReadAsync(cancellationToken).ConfigureAwait(false); i++)
            {
                ids[i] = reader.GetInt64(0);
            }
        }

        // One sequence, one holder of the lock: these are the next ids; sorted, they follow the batch's order.
        Array.Sort(ids);
        var columns = new PostgresMessageColumns(batch, ids);
        var payloads = new string[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            payloads[i] = Payload(ids[i], batch[i], columns.Texts[i], columns.Times[i], node);
        }

        await using (var insert = new NpgsqlBatch(connection, transaction))
        {
            var rows = new NpgsqlBatchCommand(ClusterInsertSql);
            columns.AddTo(rows.Parameters);
            rows.Parameters.Add(new NpgsqlParameter<string> { TypedValue = node });
            insert.BatchCommands.Add(rows);

            // Notifications of one transaction arrive in the order they were sent: unnest keeps the array's.
            var notify = new NpgsqlBatchCommand($"SELECT pg_notify('{PostgresBackplane.Channel}', p) FROM unnest($1::text[]) AS p;");
            notify.Parameters.Add(new NpgsqlParameter { Value = payloads, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            insert.BatchCommands.Add(notify);

            var mark = new NpgsqlBatchCommand("""
                INSERT INTO stored_batches (node_id, last_batch, stored) VALUES ($1, $2, now())
                ON CONFLICT (node_id) DO UPDATE SET last_batch = excluded.last_batch, stored = excluded.stored;
                """);
            mark.Parameters.Add(new NpgsqlParameter<string> { TypedValue = node });
            mark.Parameters.Add(new NpgsqlParameter<long> { TypedValue = number });
            insert.BatchCommands.Add(mark);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Payload(long id, HistoryEntry entry, string text, DateTime time, string node)
    {
        var message = new ClusterEvent(
            entry.Room is null ? ClusterEventKind.DirectMessage : ClusterEventKind.RoomMessage,
            node,
            entry.Room,
            entry.Sender,
            entry.Recipient,
            text,
            id,
            entry.Seq,
            new DateTimeOffset(time, TimeSpan.Zero),
            Tags: entry.ClientTags);
        var json = JsonSerializer.Serialize(message, ClusterEventJson.Default.ClusterEvent);
        return Encoding.UTF8.GetByteCount(json) < PostgresBackplane.MaxNotifyBytes
            ? json
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"#m{id}");
    }
}
