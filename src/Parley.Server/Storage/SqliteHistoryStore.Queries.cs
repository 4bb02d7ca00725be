using System.Globalization;
using System.Text;

using Microsoft.Data.Sqlite;

using Parley.Core.History;

namespace Parley.Server.Storage;

public sealed partial class SqliteHistoryStore
{
    private const string Columns = "id, room, sender, recipient, text, seq, time, sender_account, recipient_account";

    public Task<IReadOnlyList<HistoryEntry>> ReadRoomAsync(string room, HistoryRange range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        return ReadAsync(
            PageSql("room = $room", range),
            command =>
            {
                command.Parameters.AddWithValue("$room", room);
                AddRange(command, range);
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<HistoryEntry>> ReadDirectAsync(DirectParty reader, string other, HistoryRange range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(range);
        // One indexed branch per direction (messages_direct_to, messages_direct): SQLite's planner does not turn the
        // OR of the two into index lookups and would scan every direct message instead.
        return ReadAsync(
            PageSql(
                $"""
                id IN (SELECT id FROM messages WHERE room IS NULL AND recipient = $other AND {Side("sender")}
                    UNION ALL SELECT id FROM messages WHERE room IS NULL AND sender = $other AND {Side("recipient")})
                """,
                range),
            command =>
            {
                AddParty(command, reader);
                command.Parameters.AddWithValue("$other", other);
                AddRange(command, range);
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<HistoryEntry>> SearchAsync(HistorySearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        var match = MatchExpression(search.Text);
        if (match.Length == 0)
        {
            return [];
        }

        // Messages wait in search_queue until they are indexed (SqliteHistoryStore.SearchIndex.cs): a search sees
        // every message committed before it.
        await IndexQueuedAsync(cancellationToken).ConfigureAwait(false);

        var rooms = new StringBuilder();
        for (var i = 0; i < search.Rooms.Count; i++)
        {
            rooms.Append(i == 0 ? string.Empty : ", ").Append(CultureInfo.InvariantCulture, $"$r{i}");
        }

        var sql = $"""
            SELECT m.id, m.room, m.sender, m.recipient, m.text, m.seq, m.time, m.sender_account, m.recipient_account
            FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid
            WHERE messages_fts MATCH $match AND m.id < $before
              AND (m.room IN ({(rooms.Length == 0 ? "NULL" : rooms.ToString())}) OR (m.room IS NULL AND ({Side("sender", "m.")} OR {Side("recipient", "m.")})))
            ORDER BY m.id DESC LIMIT $limit;
            """;
        return await ReadAsync(
            sql,
            command =>
            {
                command.Parameters.AddWithValue("$match", match);
                command.Parameters.AddWithValue("$before", search.Before ?? long.MaxValue);
                AddParty(command, search.Party);
                command.Parameters.AddWithValue("$limit", search.Limit);
                for (var i = 0; i < search.Rooms.Count; i++)
                {
                    command.Parameters.AddWithValue(string.Create(CultureInfo.InvariantCulture, $"$r{i}"), search.Rooms[i]);
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every word as an FTS5 string ("a" "b": all must match), so no user text is read as query syntax.</summary>
    internal static string MatchExpression(string text)
    {
        var match = new StringBuilder();
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            match.Append(match.Length == 0 ? string.Empty : " ").Append('"').Append(word.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }

        return match.ToString();
    }

    /// <summary>Whether a direct message's <paramref name="side"/> ("sender" or "recipient") is the reader bound by
    /// <see cref="AddParty"/>, by the rule of <see cref="DirectParty"/>: its account, or as a guest its nick since it
    /// took it. A guest's $account is NULL, which equals nothing. Accounts and nicks are NOCASE columns.</summary>
    private static string Side(string side, string table = "") =>
        $"({table}{side}_account = $account OR ({table}{side}_account IS NULL AND {table}{side} = $nick AND {table}time >= $nick_since))";

    private static void AddParty(SqliteCommand command, DirectParty party)
    {
        command.Parameters.AddWithValue("$nick", party.Nick);
        command.Parameters.AddWithValue("$account", (object?)party.Account ?? DBNull.Value);
        command.Parameters.AddWithValue("$nick_since", party.SinceMilliseconds.ToUnixTimeMilliseconds());
    }

    // Forward pages (after only) read up from "after"; every other page reads down from "before" and is turned round,
    // so a page is always oldest first.
    // Time bounds only when asked for (IRC CHATHISTORY timestamps); times are stored as Unix milliseconds.
    private static string PageSql(string where, HistoryRange range)
    {
        var bounds = "id < $before AND id > $after"
            + (range.Since is null ? string.Empty : " AND time >= $since")
            + (range.Until is null ? string.Empty : " AND time < $until");
        return range.IsForward
            ? $"SELECT {Columns} FROM messages WHERE {where} AND {bounds} ORDER BY id LIMIT $limit;"
            : $"SELECT * FROM (SELECT {Columns} FROM messages WHERE {where} AND {bounds} ORDER BY id DESC LIMIT $limit) ORDER BY id;";
    }

    private static void AddRange(SqliteCommand command, HistoryRange range)
    {
        command.Parameters.AddWithValue("$before", range.Before ?? long.MaxValue);
        command.Parameters.AddWithValue("$after", range.After ?? long.MinValue);
        command.Parameters.AddWithValue("$limit", range.Limit);
        if (range.Since is { } since)
        {
            command.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
        }

        if (range.Until is { } until)
        {
            command.Parameters.AddWithValue("$until", until.ToUnixTimeMilliseconds());
        }
    }

    private Task<IReadOnlyList<HistoryEntry>> ReadAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken) =>
        QueryAsync(sql, bind, Entry, cancellationToken);

    private async Task<IReadOnlyList<T>> QueryAsync<T>(
        string sql, Action<SqliteCommand> bind, Func<SqliteDataReader, T> row, CancellationToken cancellationToken)
    {
        if (IsMemory)
        {
            // One connection for everything: reads wait for the writer's batch.
            await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return Query(Writer(), sql, bind, row);
            }
            finally
            {
                _writeGate.Release();
            }
        }

        using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return Query(connection, sql, bind, row);
    }

    private static List<T> Query<T>(SqliteConnection connection, string sql, Action<SqliteCommand> bind, Func<SqliteDataReader, T> row)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(row(reader));
        }

        return rows;
    }

    /// <summary>A row of <see cref="Columns"/>.</summary>
    private static HistoryEntry Entry(SqliteDataReader reader) =>
        HistoryRows.Read(reader, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)));
}
