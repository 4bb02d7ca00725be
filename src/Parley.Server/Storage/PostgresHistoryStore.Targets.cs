using Npgsql;

using NpgsqlTypes;

using Parley.Core.History;

namespace Parley.Server.Storage;

public sealed partial class PostgresHistoryStore
{
    // As in SQLite: each room's latest message is its newest by id (one step down messages_room); each direct
    // conversation's is the latest the reader may see (its side matched by identity), named by the partner's nick in
    // that row (DISTINCT ON keeps the newest row per partner). Listed only when that latest message is in the window.
    // $1 rooms, $2 from, $3 to, $4 limit, $5-$7 the reader (AddParty).
    public async Task<IReadOnlyList<HistoryTarget>> ReadTargetsAsync(HistoryTargetQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = $"""
            WITH direct AS (
                SELECT DISTINCT ON (lower(partner)) partner AS name, false AS is_room, time AS latest FROM (
                    SELECT CASE WHEN {Side("sender", 5)} THEN recipient ELSE sender END AS partner, time, id
                    FROM messages WHERE room IS NULL AND ({Side("sender", 5)} OR {Side("recipient", 5)})
                ) sides
                ORDER BY lower(partner), time DESC, id DESC
            ), rooms AS (
                SELECT r AS name, true AS is_room,
                    (SELECT time FROM messages WHERE room IS NOT NULL AND lower(room) = lower(r) ORDER BY id DESC LIMIT 1) AS latest
                FROM unnest($1::text[]) AS r
            )
            SELECT name, is_room, latest FROM (SELECT * FROM direct UNION ALL SELECT * FROM rooms) targets
            WHERE latest > $2 AND latest < $3
            ORDER BY latest {(query.NewestFirst ? "DESC" : "ASC")}, name LIMIT $4;
            """;
        await using var command = _source.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = query.Rooms.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = query.From.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = query.To.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.Limit });
        AddParty(command, query.Party);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var targets = new List<HistoryTarget>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            targets.Add(new HistoryTarget(reader.GetString(0), reader.GetBoolean(1), new DateTimeOffset(reader.GetFieldValue<DateTime>(2), TimeSpan.Zero)));
        }

        return targets;
    }
}
