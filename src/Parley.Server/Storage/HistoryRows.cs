using System.Data.Common;

using Parley.Core.History;

namespace Parley.Server.Storage;

/// <summary>Reading a message row, in the column order both stores select (id, room, sender, recipient, text, seq,
/// time, sender's account, recipient's account); only the time column is stored differently, so the caller reads it.</summary>
internal static class HistoryRows
{
    public static HistoryEntry Read(DbDataReader reader, DateTimeOffset time) =>
        new(
            reader.GetInt64(0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.GetString(4),
            reader.GetInt64(5),
            time)
        {
            SenderAccount = reader.IsDBNull(7) ? null : reader.GetString(7),
            RecipientAccount = reader.IsDBNull(8) ? null : reader.GetString(8),
        };
}
