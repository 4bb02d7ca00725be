using Npgsql;

using Parley.Core.History;

namespace Parley.Server.Storage;

public sealed partial class PostgresHistoryStore
{
    public async Task<int> PruneAsync(DateTimeOffset? olderThan, int maxPerRoom, int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var deleted = 0;
        if (olderThan is { } cut)
        {
            await using var byAge = new NpgsqlCommand(
                "DELETE FROM messages WHERE id IN (SELECT id FROM messages WHERE time < $1 ORDER BY time LIMIT $2);", connection, transaction);
            byAge.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = Milliseconds(cut) });
            byAge.Parameters.Add(new NpgsqlParameter<int> { TypedValue = batchSize });
            deleted += await byAge.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (maxPerRoom > 0 && deleted < batchSize)
        {
            // Per remembered room: the id of its newest row beyond the cap (an index scan), then the rows up to it.
            await using var overCap = new NpgsqlCommand(
                """
                DELETE FROM messages WHERE id IN (
                    SELECT m.id FROM rooms r
                    CROSS JOIN LATERAL (SELECT id FROM messages WHERE room IS NOT NULL AND lower(room) = r.key ORDER BY id DESC OFFSET $1 LIMIT 1) edge
                    JOIN messages m ON m.room IS NOT NULL AND lower(m.room) = r.key AND m.id <= edge.id
                    LIMIT $2);
                """,
                connection,
                transaction);
            overCap.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxPerRoom });
            overCap.Parameters.Add(new NpgsqlParameter<int> { TypedValue = batchSize - deleted });
            deleted += await overCap.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    public async Task SaveRoomAsync(StoredRoom room, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(room);
        await using var command = _source.CreateCommand("""
            INSERT INTO rooms (key, name, topic, created) VALUES (lower($1), $1, $2, now())
            ON CONFLICT (key) DO UPDATE SET topic = excluded.topic WHERE excluded.topic IS NOT NULL;
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = room.Name });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)room.Topic ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredRoom>> LoadRoomsAsync(CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand("SELECT name, topic FROM rooms ORDER BY key;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rooms = new List<StoredRoom>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rooms.Add(new StoredRoom(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        }

        return rooms;
    }
}
