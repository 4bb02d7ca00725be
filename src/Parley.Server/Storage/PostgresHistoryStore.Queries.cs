using Npgsql;

using NpgsqlTypes;

using Parley.Core.History;

namespace Parley.Server.Storage;

public sealed partial class PostgresHistoryStore
{
    private const string Columns = PostgresMessageColumns.Names;

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

    public Task<IReadOnlyList<HistoryEntry>> ReadDirectAsync(DirectParty reader, string other, HistoryRange range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(range);
        return ReadAsync(
            PageSql(
                $"room IS NULL AND ((lower(recipient) = lower($9) AND {Side("sender", 6)}) OR (lower(sender) = lower($9) AND {Side("recipient", 6)}))",
                range),
            command =>
            {
                AddRange(command, range);
                AddParty(command, reader);
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
        var sql = $"""
            SELECT {Columns} FROM messages
            WHERE search @@ plainto_tsquery('simple', $1) AND id < $2
              AND ((room IS NOT NULL AND lower(room) = ANY ($3)) OR (room IS NULL AND ({Side("sender", 5)} OR {Side("recipient", 5)})))
            ORDER BY id DESC LIMIT $4;
            """;
        var rooms = new string[search.Rooms.Count];
        for (var i = 0; i < rooms.Length; i++)
        {
            rooms[i] = search.Rooms[i].ToLowerInvariant();
        }

        return ReadAsync(
            sql,
            command =>
            {
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = search.Text });
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = search.Before ?? long.MaxValue });
                command.Parameters.Add(new NpgsqlParameter { Value = rooms, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = search.Limit });
                AddParty(command, search.Party);
            },
            cancellationToken);
    }

    /// <summary>Whether a direct message's <paramref name="side"/> ("sender" or "recipient") is the reader that
    /// <see cref="AddParty"/> bound from parameter <paramref name="first"/> on (nick, account, nick since), by the rule of
    /// <see cref="DirectParty"/>: its account, or as a guest its nick since it took it. A guest's account is NULL,
    /// which equals nothing.</summary>
    private static string Side(string side, int first) =>
        $"(lower({side}_account) = lower(${first + 1}) OR ({side}_account IS NULL AND lower({side}) = lower(${first}) AND time >= ${first + 2}))";

    /// <summary>Adds the reader's nick, account (text, NULL for a guest) and nick-since time, in that order.</summary>
    private static void AddParty(NpgsqlCommand command, DirectParty party)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = party.Nick });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)party.Account ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = party.SinceMilliseconds.UtcDateTime });
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
            entries.Add(HistoryRows.Read(reader, new DateTimeOffset(reader.GetFieldValue<DateTime>(6), TimeSpan.Zero)));
        }

        return entries;
    }
}
