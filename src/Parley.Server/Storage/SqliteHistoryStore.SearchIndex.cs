using Microsoft.Data.Sqlite;

namespace Parley.Server.Storage;

/// <summary>
/// The search index behind the writer (schema step 4): a commit only queues each new message's id in search_queue;
/// the upkeep thread, and every search before it reads, moves queued messages into messages_fts on the write
/// connection, <see cref="SearchIndexStep"/> at a time, releasing the write gate between steps so that a commit waits
/// for one step at most. A search therefore sees every message committed before it; indexing is crash-safe because
/// a step moves rows out of the queue in the transaction that indexes them.
/// </summary>
public sealed partial class SqliteHistoryStore
{
    /// <summary>Most queued messages one indexing step takes (one transaction).</summary>
    internal const int SearchIndexStep = 500;

    private const string IndexStepSql = """
        INSERT INTO messages_fts (rowid, text)
            SELECT id, text FROM messages WHERE id IN (SELECT id FROM search_queue ORDER BY id LIMIT $step);
        """;

    private const string DequeueStepSql = "DELETE FROM search_queue WHERE id IN (SELECT id FROM search_queue ORDER BY id LIMIT $step);";

    /// <summary>Indexes everything queued for search when it is called.</summary>
    private async Task IndexQueuedAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            int taken;
            await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                taken = IndexStep(Writer());
            }
            finally
            {
                _writeGate.Release();
            }

            if (taken < SearchIndexStep)
            {
                return;
            }
        }
    }

    /// <summary>Indexes the oldest queued messages and takes them off the queue, in one transaction; returns how many.</summary>
    private static int IndexStep(SqliteConnection writer)
    {
        using var transaction = writer.BeginTransaction();
        using var index = writer.CreateCommand();
        index.Transaction = transaction;
        index.CommandText = IndexStepSql;
        index.Parameters.AddWithValue("$step", SearchIndexStep);
        index.ExecuteNonQuery();

        using var dequeue = writer.CreateCommand();
        dequeue.Transaction = transaction;
        dequeue.CommandText = DequeueStepSql;
        dequeue.Parameters.AddWithValue("$step", SearchIndexStep);
        var taken = dequeue.ExecuteNonQuery();
        transaction.Commit();
        return taken;
    }
}
