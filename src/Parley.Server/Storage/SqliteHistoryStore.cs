using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

using Parley.Core.History;

namespace Parley.Server.Storage;

/// <summary>
/// The embedded history store: one SQLite file in WAL mode with synchronous=NORMAL (see docs/operations.md,
/// "Durability"). One write connection, used by one caller at a time (<see cref="_writeGate"/>): the hub's writer
/// appends batches, retention prunes in small steps between them. Reads open pooled connections of their own, which
/// WAL lets run beside the writer; ":memory:" has one connection, so its reads take the gate too. A lock file next to
/// the database (flock, released when the process dies) keeps a second Parley server off the same file.
/// </summary>
public sealed partial class SqliteHistoryStore : IHistoryStore
{
    public const string Memory = ":memory:";
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly string _path;
    private readonly TimeSpan _lockTimeout;
    private readonly ILogger _logger;
    private readonly string _connectionString;
    private SqliteConnection? _writer;
    private SqliteCommand? _insert;
    private FileStream? _lockFile;

    public SqliteHistoryStore(string path, TimeSpan lockTimeout, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = path;
        _lockTimeout = lockTimeout;
        _logger = logger;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = IsMemory ? SqliteOpenMode.Memory : SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(lockTimeout.TotalSeconds)),
            Pooling = !IsMemory,
        }.ToString();
    }

    public string Description => "sqlite " + _path;

    private bool IsMemory => _path == Memory;

    public Task<long> OpenAsync(CancellationToken cancellationToken)
    {
        if (_writer is not null)
        {
            throw new InvalidOperationException("The store is open already.");
        }

        try
        {
            if (!IsMemory)
            {
                TakeLockFile();
            }

            _writer = new SqliteConnection(_connectionString);
            _writer.Open();
            Execute(_writer, IsMemory ? "PRAGMA synchronous = NORMAL;" : "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
            Execute(_writer, $"PRAGMA busy_timeout = {(int)_lockTimeout.TotalMilliseconds};");
            Migrate(_writer);
            _insert = _writer.CreateCommand();
            _insert.CommandText = """
                INSERT INTO messages (id, room, sender, recipient, text, seq, time, sender_account, recipient_account)
                VALUES ($id, $room, $sender, $recipient, $text, $seq, $time, $sender_account, $recipient_account)
                ON CONFLICT (id) DO NOTHING;
                """;
            foreach (var name in (ReadOnlySpan<string>)["$id", "$room", "$sender", "$recipient", "$text", "$seq", "$time", "$sender_account", "$recipient_account"])
            {
                _insert.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            using var last = _writer.CreateCommand();
            last.CommandText = "SELECT coalesce(max(id), 0) FROM messages;";
            var lastId = (long)last.ExecuteScalar()!;

            // Last: from here on the upkeep thread shares the write connection (under the write gate).
            StartUpkeep(_writer);
            return Task.FromResult(lastId);
        }
        catch (SqliteException ex)
        {
            Close();
            throw Explain(ex);
        }
        catch
        {
            Close();
            throw;
        }
    }

    public async Task AppendAsync(IReadOnlyList<HistoryEntry> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var writer = Writer();
            using var transaction = writer.BeginTransaction();
            var insert = _insert!;
            insert.Transaction = transaction;
            var p = insert.Parameters;
            foreach (var entry in batch)
            {
                p[0].Value = entry.Id;
                p[1].Value = (object?)entry.Room ?? DBNull.Value;
                p[2].Value = entry.Sender;
                p[3].Value = (object?)entry.Recipient ?? DBNull.Value;
                p[4].Value = entry.Text;
                p[5].Value = entry.Seq;
                p[6].Value = entry.Time.ToUnixTimeMilliseconds();
                p[7].Value = (object?)entry.SenderAccount ?? DBNull.Value;
                p[8].Value = (object?)entry.RecipientAccount ?? DBNull.Value;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _writeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            Close();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private SqliteConnection Writer() => _writer ?? throw new InvalidOperationException("The store is not open.");

    private void Close()
    {
        StopUpkeep();
        _insert?.Dispose();
        _insert = null;
        _writer?.Dispose();
        _writer = null;
        if (!IsMemory)
        {
            SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        }

        _lockFile?.Dispose();
        _lockFile = null;
    }

    private void TakeLockFile()
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(_path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        try
        {
            // FileShare.None is an advisory flock on Unix: another Parley gets an IOException at once, and the lock
            // goes with the process however it ends (kill -9 included).
            _lockFile = new FileStream(_path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new HistoryStoreException($"{_path} is in use by another Parley server (its lock file {_path}.lock is held); stop that server or choose another --data file.", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new HistoryStoreException($"Cannot write next to {_path}: {ex.Message}", ex);
        }
    }

    private HistoryStoreException Explain(SqliteException ex) => ex.SqliteErrorCode switch
    {
        // SQLITE_NOTADB, SQLITE_CORRUPT: never start over silently on a damaged file; the operator decides.
        26 or 11 => new HistoryStoreException($"{_path} is not a Parley database or is damaged ({ex.Message.TrimEnd('.')}); move it aside or restore a backup, then start again.", ex),
        // SQLITE_BUSY, SQLITE_LOCKED
        5 or 6 => new HistoryStoreException($"{_path} is locked by another program ({ex.Message.TrimEnd('.')}); close it and start again.", ex),
        // SQLITE_CANTOPEN, SQLITE_READONLY, SQLITE_PERM
        14 or 8 or 3 => new HistoryStoreException($"Cannot open {_path} for writing ({ex.Message.TrimEnd('.')}).", ex),
        _ => new HistoryStoreException($"Cannot use {_path}: {ex.Message}", ex),
    };

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }
}
