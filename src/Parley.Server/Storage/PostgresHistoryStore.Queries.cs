using Npgsql;

using NpgsqlTypes;

using Parley.Core.History;

namespace Parley.Server.Storage;

public sealed partial class PostgresHistoryStore
{
    private const string Columns = "id, room, sender, recipient, text, seq, time";

    public Task<IReadOnlyList<HistoryEntry>> ReadRoomAsync(string room, HistoryRange range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        return ReadAsync(
            PageSql("room IS NOT NULL AND lower(room) = lower($6)", range),
            command =>
            {
                AddRange(command, range);
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = room });
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<HistoryEntry>> ReadDirectAsync(string nick, string other, HistoryRange range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        return ReadAsync(
            PageSql(
                "room IS NULL AND ((lower(sender) = lower($6) AND lower(recipient) = lower($7)) OR (lower(sender) = lower($7) AND lower(recipient) = lower($6)))",
                range),
            command =>
            {
                AddRange(command, range);
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = nick });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = other });
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<HistoryEntry>> SearchAsync(HistorySearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        if (string.IsNullOrWhiteSpace(search.Text))
        {
            return Task.FromResult<IReadOnlyList<HistoryEntry>>([]);
        }

        // plainto_tsquery: every word must match and nothing the user types is read as query syntax.
        const string Sql = $"""
            SELECT {Columns} FROM messages
            WHERE search @@ plainto_tsquery('simple', $1) AND id < $2
              AND ((room IS NOT NULL AND lower(room) = ANY ($3)) OR (room IS NULL AND (lower(sender) = lower($4) OR lower(recipient) = lower($4))))
            ORDER BY id DESC LIMIT $5;
            """;
        var rooms = new string[search.Rooms.Count];
        for (var i = 0; i < rooms.Length; i++)
        {
            rooms[i] = search.Rooms[i].ToLowerInvariant();
        }

        return ReadAsync(
            Sql,
            command =>
            {
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = search.Text });
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = search.Before ?? long.MaxValue });
                command.Parameters.Add(new NpgsqlParameter { Value = rooms, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = search.Nick });
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = search.Limit });
            },
            cancellationToken);
    }

    // As in SQLite: forward pages read up from their lower bound; every other page reads down from "before" and is
    // turned round, so a page is always oldest first. $1 before, $2 after, $3 limit, $4 since, $5 until (null: none).
    private static string PageSql(string where, HistoryRange range)
    {
        const string Bounds = "id < $1 AND id > $2 AND ($4::timestamptz IS NULL OR time >= $4) AND ($5::timestamptz IS NULL OR time < $5)";
        return range.IsForward
            ? $"SELECT {Columns} FROM messages WHERE {where} AND {Bounds} ORDER BY id LIMIT $3;"
            : $"SELECT * FROM (SELECT {Columns} FROM messages WHERE {where} AND {Bounds} ORDER BY id DESC LIMIT $3) page ORDER BY id;";
    }

    private static void AddRange(NpgsqlCommand command, HistoryRange range)
    {
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = range.Before ?? long.MaxValue });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = range.After ?? long.MinValue });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = range.Limit });
        command.Parameters.Add(TimeBound(range.Since));
        command.Parameters.Add(TimeBound(range.Until));
    }

    private static NpgsqlParameter TimeBound(DateTimeOffset? time) => new()
    {
        NpgsqlDbType = NpgsqlDbType.TimestampTz,
        Value = time is { } t ? t.UtcDateTime : DBNull.Value,
    };

    private async Task<IReadOnlyList<HistoryEntry>> ReadAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand(sql);
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<HistoryEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new HistoryEntry(
                reader.GetInt64(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4),
                reader.GetInt64(5),
                new DateTimeOffset(reader.GetFieldValue<DateTime>(6), TimeSpan.Zero)));
        }

        return entries;
    }
}
