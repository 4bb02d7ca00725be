using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Parley.Server.Storage;

/// <summary>
/// WAL checkpoints beside the writer. SQLite's automatic checkpoint runs inside the commit that takes the WAL past
/// 1,000 pages and fsyncs there, so that commit, and every message queued behind it, waits for the disk. Here the
/// write connection never checkpoints; a thread of its own runs a PASSIVE checkpoint on a connection of its own
/// every <see cref="CheckpointInterval"/>, which WAL mode allows while the writer appends (the WAL is reused from its
/// start once a checkpoint has copied all of it). Closing the last connection checkpoints what is left.
/// Ownership: the thread owns its connection; <see cref="_stopCheckpoints"/> is reset when it starts and set by <see cref="Close"/>.
/// </summary>
public sealed partial class SqliteHistoryStore
{
    /// <summary>Time between two checkpoints (docs/operations.md, "Durability").</summary>
    internal static readonly TimeSpan CheckpointInterval = TimeSpan.FromMilliseconds(250);

    private readonly ManualResetEventSlim _stopCheckpoints = new(initialState: false);
    private Thread? _checkpointer;

    /// <summary>Checkpoints completed by the background thread (for tests and diagnostics).</summary>
    internal int Checkpoints => Volatile.Read(ref _checkpoints);

    private int _checkpoints;

    private void StartCheckpoints(SqliteConnection writer)
    {
        Execute(writer, "PRAGMA wal_autocheckpoint = 0;");
        _stopCheckpoints.Reset();
        _checkpointer = new Thread(RunCheckpoints) { IsBackground = true, Name = "Parley history checkpoints" };
        _checkpointer.Start();
    }

    private void StopCheckpoints()
    {
        _stopCheckpoints.Set();
        _checkpointer?.Join();
        _checkpointer = null;
    }

    private void RunCheckpoints()
    {
        SqliteConnection? connection = null;
        try
        {
            while (!_stopCheckpoints.Wait(CheckpointInterval))
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
                }
                catch (Exception ex)
                {
                    // Never fatal (an exception would end the process on this thread): the next round tries again,
                    // and the WAL only grows meanwhile.
                    LogCheckpointFailed(_path, ex.Message);
                    connection?.Dispose();
                    connection = null;
                }
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }

    [LoggerMessage(EventId = 611, Level = LogLevel.Warning, Message = "History: checkpoint of {Path} failed ({Reason}); retrying")]
    private partial void LogCheckpointFailed(string path, string reason);
}
