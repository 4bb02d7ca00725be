using System.Globalization;
using System.Text;

using Parley.Core.History;

namespace Parley.Server.Storage;

public sealed partial class SqliteHistoryStore
{
    // Each room's latest message is its newest by id (one step down the room index, not a scan of the room); each
    // direct conversation's is the latest the reader may see (its side matched by identity, as Side does, written as
    // four branches so that each is one index lookup: by account or by guest nick, as sender or as recipient), named
    // by the partner's nick in that row (SQLite takes a bare column from the row max() picked). The unary + keeps a
    // guest branch off the account index (every guest row has a NULL account), so it looks up the nick. A conversation is listed
    // only when that latest message lies in the window: older activity inside it does not count.
    public Task<IReadOnlyList<HistoryTarget>> ReadTargetsAsync(HistoryTargetQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        // Rooms as one VALUES list (not one SELECT each: SQLite caps a compound SELECT at 500 terms, VALUES rows not).
        var rooms = new StringBuilder();
        for (var i = 0; i < query.Rooms.Count; i++)
        {
            rooms.Append(i == 0 ? "UNION ALL SELECT r.column1, 1, (SELECT time FROM messages WHERE room = r.column1 ORDER BY id DESC LIMIT 1) FROM (VALUES " : ", ")
                .Append(CultureInfo.InvariantCulture, $"($r{i})");
        }

        rooms.Append(rooms.Length == 0 ? string.Empty : ") r");

        var sql = $"""
            SELECT name, is_room, latest FROM (
                SELECT partner AS name, 0 AS is_room, max(time) AS latest FROM (
                    SELECT recipient AS partner, time FROM messages WHERE room IS NULL AND sender_account = $account
                    UNION ALL SELECT recipient, time FROM messages
                        WHERE room IS NULL AND +sender_account IS NULL AND sender = $nick AND time >= $nick_since
                    UNION ALL SELECT sender, time FROM messages WHERE room IS NULL AND recipient_account = $account
                    UNION ALL SELECT sender, time FROM messages
                        WHERE room IS NULL AND +recipient_account IS NULL AND recipient = $nick AND time >= $nick_since
                ) GROUP BY partner COLLATE NOCASE
                {rooms}
            )
            WHERE latest > $from AND latest < $to
            ORDER BY latest {(query.NewestFirst ? "DESC" : "ASC")}, name LIMIT $limit;
            """;
        return QueryAsync(
            sql,
            command =>
            {
                AddParty(command, query.Party);
                command.Parameters.AddWithValue("$from", query.From.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$to", query.To.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$limit", query.Limit);
                for (var i = 0; i < query.Rooms.Count; i++)
                {
                    command.Parameters.AddWithValue(string.Create(CultureInfo.InvariantCulture, $"$r{i}"), query.Rooms[i]);
                }
            },
            reader => new HistoryTarget(reader.GetString(0), reader.GetInt64(1) == 1, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))),
            cancellationToken);
    }
}
