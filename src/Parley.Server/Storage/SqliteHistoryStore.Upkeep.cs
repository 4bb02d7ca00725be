using Microsoft.Data.Sqlite;

namespace Parley.Server.Storage;

/// <summary>
/// Upkeep beside the writer, on a thread of its own every <see cref="UpkeepInterval"/>: first the search index takes
/// in the messages queued for it (SqliteHistoryStore.SearchIndex.cs), then a WAL checkpoint. SQLite's automatic
/// checkpoint runs inside the commit that takes the WAL past 1,000 pages and fsyncs there, so that commit, and every
/// message queued behind it, waits for the disk. Here the write connection never checkpoints; this thread runs a
/// PASSIVE checkpoint on a connection of its own, which WAL mode allows while the writer appends (the WAL is reused
/// from its start once a checkpoint has copied all of it). Closing the last connection checkpoints what is left.
/// ":memory:" has no WAL and one connection: its upkeep is the search index alone.
/// Ownership: the thread owns its connection; <see cref="_stopUpkeep"/> is created when it starts and cancelled by
/// <see cref="Close"/>, which then waits for the thread (a step that holds the write gate finishes first).
/// </summary>
public sealed partial class SqliteHistoryStore
{
    /// <summary>Time between two rounds of upkeep (docs/operations.md, "Durability").</summary>
    internal static readonly TimeSpan UpkeepInterval = TimeSpan.FromMilliseconds(250);

    private CancellationTokenSource? _stopUpkeep;
    private Thread? _upkeep;
    private int _checkpoints;

    /// <summary>Checkpoints completed by the background thread (for tests and diagnostics).</summary>
    internal int Checkpoints => Volatile.Read(ref _checkpoints);

    private void StartUpkeep(SqliteConnection writer)
    {
        if (!IsMemory)
        {
            Execute(writer, "PRAGMA wal_autocheckpoint = 0;");
        }

        _stopUpkeep = new CancellationTokenSource();
        var stop = _stopUpkeep.Token;
        _upkeep = new Thread(() => RunUpkeep(stop)) { IsBackground = true, Name = "Parley history upkeep" };
        _upkeep.UnsafeStart();
    }

    private void StopUpkeep()
    {
        _stopUpkeep?.Cancel();
        _upkeep?.Join();
        _upkeep = null;
        _stopUpkeep?.Dispose();
        _stopUpkeep = null;
    }

    private void RunUpkeep(CancellationToken stop)
    {
        SqliteConnection? connection = null;
        try
        {
            while (!stop.WaitHandle.WaitOne(UpkeepInterval))
            {
                try
                {
                    IndexQueuedAsync(stop).GetAwaiter().GetResult();
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    // Never fatal (an exception would end the process on this thread): the queue keeps the messages,
                    // and the next round, or the next search, indexes them.
                    LogSearchIndexFailed(_path, ex.Message);
                }

                if (!IsMemory)
                {
                    connection = Checkpoint(connection);
                }
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }

    /// <summary>One PASSIVE checkpoint; returns the connection to use next time (null after a failure).</summary>
    private SqliteConnection? Checkpoint(SqliteConnection? connection)
    {
        try
        {
            if (connection is null)
            {
                connection = new SqliteConnection(_connectionString);
                connection.Open();
            }

            Execute(connection, "PRAGMA wal_checkpoint(PASSIVE);");
            Interlocked.Increment(ref _checkpoints);
            return connection;
        }
        catch (Exception ex)
        {
            // The next round tries again; the WAL only grows meanwhile.
            LogCheckpointFailed(_path, ex.Message);
            connection?.Dispose();
            return null;
        }
    }
}
