using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

using Parley.Core.History;
using Parley.Server.Storage;

namespace Parley.Server.Tests.Storage;

/// <summary>WAL checkpoints run beside the writer (SqliteHistoryStore.Checkpoints.cs), not inside its commits.</summary>
public sealed class SqliteCheckpointTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("parley-checkpoint-");

    private string DbPath => Path.Combine(_directory.FullName, "parley.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task Committed_messages_reach_the_database_file_through_the_background_checkpoint()
    {
        await using var store = new SqliteHistoryStore(DbPath, TimeSpan.FromSeconds(5), NullLogger.Instance);
        await store.OpenAsync(default);
        var started = store.Checkpoints;
        Assert.True(SpinWait.SpinUntil(() => store.Checkpoints > started, Bound));
        var before = new FileInfo(DbPath).Length;

        // Far fewer than the 1,000 WAL pages at which SQLite's own checkpoint would run in a commit.
        var entries = Enumerable.Range(1, 300)
            .Select(i => new HistoryEntry(i, "#general", "alice", null, new string('x', 200), i, DateTimeOffset.UnixEpoch))
            .ToList();
        await store.AppendAsync(entries, default);

        // The next checkpoint that starts after the commit copies it from the WAL into the file.
        var committed = store.Checkpoints;
        Assert.True(SpinWait.SpinUntil(() => store.Checkpoints >= committed + 2, Bound));
        Assert.True(new FileInfo(DbPath).Length > before);
        Assert.Equal(300, (await store.ReadRoomAsync("#general", HistoryRange.Latest(500), default)).Count);
    }
}
