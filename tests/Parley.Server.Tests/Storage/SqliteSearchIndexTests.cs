using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

using Parley.Core.History;
using Parley.Server.Storage;

namespace Parley.Server.Tests.Storage;

/// <summary>The SQLite search index behind the writer (SqliteHistoryStore.SearchIndex.cs): a commit queues its
/// messages for the index; the upkeep thread or the next search indexes them; deleting a message, indexed or still
/// queued, keeps the index consistent with the messages table.</summary>
public sealed class SqliteSearchIndexTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("parley-search-");
    private SqliteHistoryStore _store = null!;

    private string DbPath => Path.Combine(_directory.FullName, "parley.db");

    public async Task InitializeAsync()
    {
        _store = new SqliteHistoryStore(DbPath, TimeSpan.FromSeconds(5), NullLogger.Instance);
        await _store.OpenAsync(default);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task A_search_sees_every_message_committed_before_it()
    {
        await _store.AppendAsync(Messages(1, 1200, "#general"), default);

        // More than two indexing steps: the search indexes them all before it reads.
        var found = await _store.SearchAsync(new HistorySearch("word1199", ["#general"], Guest(), null, 10), default);

        Assert.Equal(1199, Assert.Single(found).Id);
        Assert.Equal(0, Scalar("SELECT count(*) FROM search_queue;"));
        Assert.Equal(1200, Scalar("SELECT count(*) FROM messages_fts;"));
    }

    [Fact]
    public async Task The_upkeep_thread_indexes_queued_messages_without_a_search()
    {
        await _store.AppendAsync(Messages(1, 10, "#general"), default);

        Assert.True(SpinWait.SpinUntil(() => Scalar("SELECT count(*) FROM search_queue;") == 0, TimeSpan.FromSeconds(10)));
        Assert.Equal(10, Scalar("SELECT count(*) FROM messages_fts;"));
        AssertIndexMatchesMessages();
    }

    [Fact]
    public async Task Deleting_indexed_and_queued_messages_keeps_the_index_consistent()
    {
        await _store.SaveRoomAsync(new StoredRoom("#general", null), default);
        await _store.AppendAsync(Messages(1, 10, "#general"), default);
        Assert.NotEmpty(await _store.SearchAsync(new HistorySearch("word1", ["#general"], Guest(), null, 10), default));

        // Ids 1-10 are indexed; 11-20 are queued unless the upkeep thread got to them. A cap of 5 deletes 1-15.
        await _store.AppendAsync(Messages(11, 20, "#general"), default);
        while (await _store.PruneAsync(null, 5, 100, default) > 0)
        {
        }

        Assert.Empty(await _store.SearchAsync(new HistorySearch("word12", ["#general"], Guest(), null, 10), default));
        Assert.Equal(16, Assert.Single(await _store.SearchAsync(new HistorySearch("word16", ["#general"], Guest(), null, 10), default)).Id);
        Assert.Equal(0, Scalar("SELECT count(*) FROM search_queue;"));
        AssertIndexMatchesMessages();
    }

    [Fact]
    public async Task Messages_indexed_before_the_queue_existed_stay_searchable()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(DbPath);

        // A file as a Parley of schema 3 left it: its insert trigger indexed every message in its commit.
        using (var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            connection.Open();
            using var old = connection.CreateCommand();
            old.CommandText = SqliteMigrations.VersionTable + string.Concat(SqliteMigrations.Steps.Take(3).Select(s => s.Sql)) + """
                INSERT INTO parley_schema (version, applied) VALUES (1, 0), (2, 0), (3, 0);
                INSERT INTO messages (id, room, sender, recipient, text, seq, time) VALUES (7, '#general', 'alice', NULL, 'old fox', 0, 1000);
                """;
            old.ExecuteNonQuery();
        }

        _store = new SqliteHistoryStore(DbPath, TimeSpan.FromSeconds(5), NullLogger.Instance);
        Assert.Equal(7, await _store.OpenAsync(default));
        await _store.AppendAsync([new HistoryEntry(8, "#general", "alice", null, "new fox", 0, T0)], default);

        var found = await _store.SearchAsync(new HistorySearch("fox", ["#general"], Guest(), null, 10), default);
        Assert.Equal(new long[] { 8, 7 }, found.Select(e => e.Id));

        // Deleting the old, trigger-indexed row takes it out of the index too.
        Assert.Equal(1, await _store.PruneAsync(DateTimeOffset.FromUnixTimeMilliseconds(1001), 0, 10, default));
        AssertIndexMatchesMessages();
    }

    private static List<HistoryEntry> Messages(int first, int last, string room) =>
        [.. Enumerable.Range(first, last - first + 1).Select(i => new HistoryEntry(i, room, "alice", null, $"hello word{i}", i, T0.AddSeconds(i)))];

    private static DirectParty Guest() => new("alice", null, T0.AddDays(-1));

    private long Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>FTS5's own check, with the external content compared too (rank 1): it fails when a row the index
    /// never had was deleted from it, or a deleted message is still indexed.</summary>
    private void AssertIndexMatchesMessages()
    {
        using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1);";
        command.ExecuteNonQuery();
    }
}
