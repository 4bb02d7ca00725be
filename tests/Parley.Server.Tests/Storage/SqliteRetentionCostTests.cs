using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

using Parley.Core.History;
using Parley.Server.Storage;

namespace Parley.Server.Tests.Storage;

/// <summary>
/// The per-room cap's delete must cost about the rows it reads, not rows²: it runs every minute with the write lock
/// held, so a quadratic plan stops the message writer (the session-5 soak: 100 s per pass at 124,000 rows). Measured in
/// SQLite virtual-machine steps (its progress handler aborts the statement past a budget), never in wall-clock time.
/// </summary>
public sealed class SqliteRetentionCostTests : IDisposable
{
    private const int Rows = 3000;

    // Linear: a few tens of steps per row read. The quadratic plan needed over a hundred million for these rows.
    private const int StepBudget = 2_000_000;
    private const int StepsPerCallback = 1000;

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("parley-prune-");

    private string DbPath => Path.Combine(_directory.FullName, "parley.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task A_pass_over_rooms_at_the_cap_reads_each_row_once()
    {
        await FillAsync(("#general", Rows), ("#flood", Rows));

        Assert.Equal(0, RunWithinBudget(cap: Rows, limit: 1000));
    }

    [Fact]
    public async Task A_room_over_the_cap_loses_its_oldest_rows_within_the_budget()
    {
        await FillAsync(("#general", Rows + 500), ("#flood", Rows));

        Assert.Equal(500, RunWithinBudget(cap: Rows, limit: 1000));
        Assert.Equal(0, RunWithinBudget(cap: Rows, limit: 1000));
        using var connection = Connect();
        using var oldest = connection.CreateCommand();
        oldest.CommandText = "SELECT min(id), count(*) FROM messages WHERE room = '#general';";
        using var row = oldest.ExecuteReader();
        Assert.True(row.Read());
        Assert.Equal(501, row.GetInt64(0));
        Assert.Equal(Rows, row.GetInt64(1));
    }

    private async Task FillAsync(params (string Room, int Count)[] rooms)
    {
        await using var store = new SqliteHistoryStore(DbPath, TimeSpan.FromSeconds(5), NullLogger.Instance);
        await store.OpenAsync(default);
        var id = 0L;
        foreach (var (room, count) in rooms)
        {
            await store.SaveRoomAsync(new StoredRoom(room, null), default);
            var entries = new List<HistoryEntry>(count);
            for (var i = 0; i < count; i++)
            {
                entries.Add(new HistoryEntry(++id, room, "alice", null, "m", 0, DateTimeOffset.UnixEpoch));
            }

            await store.AppendAsync(entries, default);
        }
    }

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        connection.Open();
        return connection;
    }

    /// <summary>Runs the store's cap statement; fails the test if SQLite needs more than <see cref="StepBudget"/> steps.</summary>
    private int RunWithinBudget(int cap, int limit)
    {
        using var connection = Connect();
        var callbacks = 0;
        SQLitePCL.raw.sqlite3_progress_handler(connection.Handle, StepsPerCallback, _ => ++callbacks > StepBudget / StepsPerCallback ? 1 : 0, null);
        using var command = connection.CreateCommand();
        command.CommandText = SqliteHistoryStore.OverCapSql;
        command.Parameters.AddWithValue("$cap", cap);
        command.Parameters.AddWithValue("$limit", limit);
        try
        {
            return command.ExecuteNonQuery();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SQLitePCL.raw.SQLITE_INTERRUPT)
        {
            Assert.Fail($"the cap's delete took more than {StepBudget:N0} SQLite steps for {Rows:N0}-row rooms");
            throw;
        }
    }
}
