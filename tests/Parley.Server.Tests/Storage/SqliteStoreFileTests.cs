using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

using Parley.Core.History;
using Parley.Server.Storage;

namespace Parley.Server.Tests.Storage;

/// <summary>What the SQLite file itself promises: migrations recorded and pinned, ids continue after a reopen, and a
/// newer, corrupt or locked file is refused with a clear reason instead of being replaced, and the WAL reaches the
/// file through checkpoints beside the writer.</summary>
public sealed class SqliteStoreFileTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("parley-file-");

    private string DbPath => Path.Combine(_directory.FullName, "parley.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public void The_schema_versions_and_tables_are_pinned()
    {
        // Persisted: a released migration is never renumbered or edited, only followed by a new one.
        Assert.Equal([1, 2, 3, 4], SqliteMigrations.Steps.Select(s => s.Version));
        Assert.Equal(4, SqliteMigrations.Latest);
        Assert.Contains("CREATE TABLE messages", SqliteMigrations.Steps[0].Sql, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE accounts", SqliteMigrations.Steps[1].Sql, StringComparison.Ordinal);
        Assert.Contains("ADD COLUMN sender_account", SqliteMigrations.Steps[2].Sql, StringComparison.Ordinal);
        Assert.Contains("ADD COLUMN recipient_account", SqliteMigrations.Steps[2].Sql, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE search_queue", SqliteMigrations.Steps[3].Sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Direct_messages_stored_before_migration_3_read_as_guest_rows()
    {
        // A file as a Parley of schema 2 left it, with a direct message between alice and bob.
        using (var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            connection.Open();
            using var old = connection.CreateCommand();
            old.CommandText = SqliteMigrations.VersionTable + SqliteMigrations.Steps[0].Sql + SqliteMigrations.Steps[1].Sql + """
                INSERT INTO parley_schema (version, applied) VALUES (1, 0), (2, 0);
                INSERT INTO messages (id, room, sender, recipient, text, seq, time) VALUES (7, NULL, 'alice', 'bob', 'old secret', 0, 1000);
                """;
            old.ExecuteNonQuery();
        }

        await using var store = Open();
        Assert.Equal(7, await store.OpenAsync(default));

        var before = DateTimeOffset.FromUnixTimeMilliseconds(1000);
        var kept = Assert.Single(await store.ReadDirectAsync(new DirectParty("bob", null, before), "alice", HistoryRange.Latest(10), default));
        Assert.Equal((null, null), (kept.SenderAccount, kept.RecipientAccount));
        Assert.Empty(await store.ReadDirectAsync(new DirectParty("alice", "alice", before.AddSeconds(1)), "bob", HistoryRange.Latest(10), default));
        Assert.Empty(await store.ReadDirectAsync(new DirectParty("alice", null, before.AddSeconds(1)), "bob", HistoryRange.Latest(10), default));
    }

    [Fact]
    public async Task A_new_file_is_in_wal_mode_records_its_version_and_ids_continue_after_reopening()
    {
        await using (var store = Open())
        {
            Assert.Equal(0, await store.OpenAsync(default));
            await store.AppendAsync([new HistoryEntry(41, "#general", "alice", null, "hi", 0, DateTimeOffset.UnixEpoch)], default);
        }

        await using (var again = Open())
        {
            Assert.Equal(41, await again.OpenAsync(default));
        }

        using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        connection.Open();
        Assert.Equal(SqliteMigrations.Latest, SqliteHistoryStore.SchemaVersion(connection));
        using var mode = connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", mode.ExecuteScalar());
    }

    [Fact]
    public async Task A_file_from_a_newer_parley_is_refused_and_left_alone()
    {
        await using (var store = Open())
        {
            await store.OpenAsync(default);
        }

        using (var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            connection.Open();
            using var newer = connection.CreateCommand();
            newer.CommandText = "INSERT INTO parley_schema (version, applied) VALUES (99, 0);";
            newer.ExecuteNonQuery();
        }

        await using var refused = Open();
        var error = await Assert.ThrowsAsync<HistoryStoreException>(() => refused.OpenAsync(default));
        Assert.Contains("newer Parley (schema version 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_file_is_refused_not_replaced()
    {
        var garbage = Enumerable.Range(0, 8192).Select(i => (byte)(i * 7)).ToArray();
        await File.WriteAllBytesAsync(DbPath, garbage);

        await using var store = Open();
        var error = await Assert.ThrowsAsync<HistoryStoreException>(() => store.OpenAsync(default));

        Assert.Contains("is not a Parley database or is damaged", error.Message, StringComparison.Ordinal);
        Assert.Equal(garbage, await File.ReadAllBytesAsync(DbPath));
    }

    [Fact]
    public async Task A_file_another_parley_holds_is_refused()
    {
        await using var first = Open();
        await first.OpenAsync(default);

        await using var second = Open();
        var error = await Assert.ThrowsAsync<HistoryStoreException>(() => second.OpenAsync(default));

        Assert.Contains("in use by another Parley server", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_another_program_locks_is_refused_after_the_lock_timeout()
    {
        await using (var store = Open())
        {
            await store.OpenAsync(default);
        }

        using var other = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        other.Open();
        using (var lockIt = other.CreateCommand())
        {
            lockIt.CommandText = "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;";
            lockIt.ExecuteNonQuery();
        }

        await using var locked = new SqliteHistoryStore(DbPath, TimeSpan.FromMilliseconds(200), NullLogger.Instance);
        var error = await Assert.ThrowsAsync<HistoryStoreException>(() => locked.OpenAsync(default));

        Assert.Contains("is locked by another program", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Committed_messages_reach_the_database_file_through_the_background_checkpoint()
    {
        // SqliteHistoryStore.Upkeep.cs: the write connection never checkpoints; a thread of its own does.
        await using var store = Open();
        await store.OpenAsync(default);
        var started = store.Checkpoints;
        Assert.True(SpinWait.SpinUntil(() => store.Checkpoints > started, TimeSpan.FromSeconds(10)));
        var before = new FileInfo(DbPath).Length;

        // Far fewer than the 1,000 WAL pages at which SQLite's own checkpoint would run in a commit.
        var entries = Enumerable.Range(1, 300)
            .Select(i => new HistoryEntry(i, "#general", "alice", null, new string('x', 200), i, DateTimeOffset.UnixEpoch))
            .ToList();
        await store.AppendAsync(entries, default);

        // The next checkpoint that starts after the commit copies it from the WAL into the file.
        var committed = store.Checkpoints;
        Assert.True(SpinWait.SpinUntil(() => store.Checkpoints >= committed + 2, TimeSpan.FromSeconds(10)));
        Assert.True(new FileInfo(DbPath).Length > before);
        Assert.Equal(300, (await store.ReadRoomAsync("#general", HistoryRange.Latest(500), default)).Count);
    }

    private SqliteHistoryStore Open() => new(DbPath, TimeSpan.FromSeconds(5), NullLogger.Instance);
}
