using System.Globalization;
using System.Text;

using Microsoft.Data.Sqlite;

using Parley.Core.History;

namespace Parley.Server.Storage;

public sealed partial class SqliteHistoryStore
{
    private const string Columns = "id, room, sender, recipient, text, seq, time";

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

    public Task<IReadOnlyList<HistoryEntry>> ReadDirectAsync(string nick, string other, HistoryRange range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        return ReadAsync(
            PageSql("room IS NULL AND ((sender = $a AND recipient = $b) OR (sender = $b AND recipient = $a))", range),
            command =>
            {
                command.Parameters.AddWithValue("$a", nick);
                command.Parameters.AddWithValue("$b", other);
                AddRange(command, range);
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<HistoryEntry>> SearchAsync(HistorySearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        var match = MatchExpression(search.Text);
        if (match.Length == 0)
        {
            return Task.FromResult<IReadOnlyList<HistoryEntry>>([]);
        }

        var rooms = new StringBuilder();
        for (var i = 0; i < search.Rooms.Count; i++)
        {
            rooms.Append(i == 0 ? string.Empty : ", ").Append(CultureInfo.InvariantCulture, $"$r{i}");
        }

        var sql = $"""
            SELECT m.id, m.room, m.sender, m.recipient, m.text, m.seq, m.time
            FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid
            WHERE messages_fts MATCH $match AND m.id < $before
              AND (m.room IN ({(rooms.Length == 0 ? "NULL" : rooms.ToString())}) OR (m.room IS NULL AND (m.sender = $nick OR m.recipient = $nick)))
            ORDER BY m.id DESC LIMIT $limit;
            """;
        return ReadAsync(
            sql,
            command =>
            {
                command.Parameters.AddWithValue("$match", match);
                command.Parameters.AddWithValue("$before", search.Before ?? long.MaxValue);
                command.Parameters.AddWithValue("$nick", search.Nick);
                command.Parameters.AddWithValue("$limit", search.Limit);
                for (var i = 0; i < search.Rooms.Count; i++)
                {
                    command.Parameters.AddWithValue(string.Create(CultureInfo.InvariantCulture, $"$r{i}"), search.Rooms[i]);
                }
            },
            cancellationToken);
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

    private async Task<IReadOnlyList<HistoryEntry>> ReadAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        if (IsMemory)
        {
            // One connection for everything: reads wait for the writer's batch.
            await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return Read(Writer(), sql, bind);
            }
            finally
            {
                _writeGate.Release();
            }
        }

        using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return Read(connection, sql, bind);
    }

    private static List<HistoryEntry> Read(SqliteConnection connection, string sql, Action<SqliteCommand> bind)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        using var reader = command.ExecuteReader();
        var entries = new List<HistoryEntry>();
        while (reader.Read())
        {
            entries.Add(new HistoryEntry(
                reader.GetInt64(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4),
                reader.GetInt64(5),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6))));
        }

        return entries;
    }
}
