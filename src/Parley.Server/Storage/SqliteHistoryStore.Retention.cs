using Parley.Core.History;

namespace Parley.Server.Storage;

public sealed partial class SqliteHistoryStore
{
    /// <summary>
    /// Up to $limit rows of rooms over the cap, oldest first. Each room's edge (the id of its newest row beyond the cap,
    /// one index seek of $cap entries) is computed once, in a materialized table: written as a correlated subquery in
    /// the join, SQLite evaluated it again for every message row, and a pass over rooms at or below the cap cost rows²
    /// index steps (100 s with the write lock held, at 124,000 rows, in the session-5 soak).
    /// </summary>
    internal const string OverCapSql = """
        WITH edges AS MATERIALIZED (
            SELECT r.name AS room, (SELECT id FROM messages WHERE room = r.name ORDER BY id DESC LIMIT 1 OFFSET $cap) AS edge
            FROM rooms r)
        DELETE FROM messages WHERE id IN (
            SELECT m.id FROM edges e JOIN messages m ON m.room = e.room AND m.id <= e.edge
            WHERE e.edge IS NOT NULL
            LIMIT $limit);
        """;

    public async Task<int> PruneAsync(DateTimeOffset? olderThan, int maxPerRoom, int batchSize, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var writer = Writer();
            using var transaction = writer.BeginTransaction();
            var deleted = 0;
            if (olderThan is { } cut)
            {
                using var byAge = writer.CreateCommand();
                byAge.Transaction = transaction;
                byAge.CommandText = "DELETE FROM messages WHERE id IN (SELECT id FROM messages WHERE time < $cut ORDER BY time LIMIT $limit);";
                byAge.Parameters.AddWithValue("$cut", cut.ToUnixTimeMilliseconds());
                byAge.Parameters.AddWithValue("$limit", batchSize);
                deleted += byAge.ExecuteNonQuery();
            }

            if (maxPerRoom > 0 && deleted < batchSize)
            {
                using var overCap = writer.CreateCommand();
                overCap.Transaction = transaction;
                overCap.CommandText = OverCapSql;
                overCap.Parameters.AddWithValue("$cap", maxPerRoom);
                overCap.Parameters.AddWithValue("$limit", batchSize - deleted);
                deleted += overCap.ExecuteNonQuery();
            }

            transaction.Commit();
            return deleted;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task SaveRoomAsync(StoredRoom room, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(room);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = Writer().CreateCommand();
            command.CommandText = """
                INSERT INTO rooms (name, topic, created) VALUES ($name, $topic, $created)
                ON CONFLICT (name) DO UPDATE SET topic = excluded.topic WHERE excluded.topic IS NOT NULL;
                """;
            command.Parameters.AddWithValue("$name", room.Name);
            command.Parameters.AddWithValue("$topic", (object?)room.Topic ?? DBNull.Value);
            command.Parameters.AddWithValue("$created", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            command.ExecuteNonQuery();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task<IReadOnlyList<StoredRoom>> LoadRoomsAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = Writer().CreateCommand();
            command.CommandText = "SELECT name, topic FROM rooms ORDER BY name;";
            using var reader = command.ExecuteReader();
            var rooms = new List<StoredRoom>();
            while (reader.Read())
            {
                rooms.Add(new StoredRoom(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
            }

            return rooms;
        }
        finally
        {
            _writeGate.Release();
        }
    }
}
