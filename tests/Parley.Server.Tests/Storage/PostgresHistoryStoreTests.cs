using Microsoft.Extensions.Logging.Abstractions;

using Npgsql;

using Parley.Core.History;
using Parley.Server.Storage;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Storage;

/// <summary>What only the PostgreSQL store has: its migrations, its version table and its errors. The behaviour
/// every store shares is in the store contract tests.</summary>
public sealed class PostgresHistoryStoreTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void Schema_numbers_and_lock_key_are_pinned()
    {
        // Released steps are never renumbered or edited; a change is a new step.
        Assert.Equal([1, 2, 3, 4, 5, 6], PostgresMigrations.Steps.Select(s => s.Version));
        Assert.Equal(6, PostgresMigrations.Latest);
        Assert.Contains("CREATE TABLE accounts", PostgresMigrations.Steps[3].Sql, StringComparison.Ordinal);
        Assert.Contains("ADD COLUMN sender_account", PostgresMigrations.Steps[4].Sql, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE stored_batches", PostgresMigrations.Steps[5].Sql, StringComparison.Ordinal);
        Assert.Equal(0x504152_4C4559, PostgresMigrations.LockKey);
    }

    [Fact]
    public async Task Opening_creates_the_schema_once_and_records_its_version()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using (var first = NewStore(database))
        {
            Assert.Equal(0, await first.OpenAsync(CancellationToken.None).WaitAsync(Timeout));
            await first.AppendAsync([Entry(7, "#general", "alice", "hello")], CancellationToken.None).WaitAsync(Timeout);
        }

        await using var again = NewStore(database);
        Assert.Equal(7, await again.OpenAsync(CancellationToken.None).WaitAsync(Timeout));
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync().WaitAsync(Timeout);
        Assert.Equal(6, await PostgresHistoryStore.SchemaVersionAsync(connection, CancellationToken.None).WaitAsync(Timeout));
        await using var count = new NpgsqlCommand("SELECT count(*) FROM parley_schema;", connection);
        Assert.Equal(6L, await count.ExecuteScalarAsync().WaitAsync(Timeout));
    }

    [Fact]
    public async Task Nodes_opening_together_migrate_once()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var stores = Enumerable.Range(0, 4).Select(_ => NewStore(database)).ToArray();
        try
        {
            await Task.WhenAll(stores.Select(s => s.OpenAsync(CancellationToken.None))).WaitAsync(Timeout);
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_database_from_a_newer_Parley_is_refused_with_a_clear_message()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using (var store = NewStore(database))
        {
            await store.OpenAsync(CancellationToken.None).WaitAsync(Timeout);
        }

        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync().WaitAsync(Timeout);
            await using var newer = new NpgsqlCommand("INSERT INTO parley_schema (version, applied) VALUES (99, now());", connection);
            await newer.ExecuteNonQueryAsync().WaitAsync(Timeout);
        }

        await using var old = NewStore(database);
        var error = await Assert.ThrowsAsync<HistoryStoreException>(() => old.OpenAsync(CancellationToken.None).WaitAsync(Timeout));
        Assert.Contains("newer Parley", error.Message, StringComparison.Ordinal);
        Assert.Contains("99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_is_a_clear_error()
    {
        // A Unix socket directory with no server in it: refused at once, no network involved.
        var empty = Directory.CreateTempSubdirectory("parley-nopg-");
        try
        {
            await using var store = new PostgresHistoryStore($"Host={empty.FullName};Port=5432;Username=nobody;Timeout=5", NullLogger.Instance);
            var error = await Assert.ThrowsAsync<HistoryStoreException>(() => store.OpenAsync(CancellationToken.None).WaitAsync(Timeout));
            Assert.Contains("Cannot reach PostgreSQL", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_database_is_a_clear_error()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresTestDatabase.AdminConnectionString) { Database = "parley_no_such_database" };
        await using var store = new PostgresHistoryStore(builder.ConnectionString, NullLogger.Instance);
        var error = await Assert.ThrowsAsync<HistoryStoreException>(() => store.OpenAsync(CancellationToken.None).WaitAsync(Timeout));
        Assert.Contains("parley_no_such_database", error.Message, StringComparison.Ordinal);
        Assert.Contains("createdb", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_connection_string_is_a_clear_error_and_the_description_hides_the_password()
    {
        Assert.Throws<HistoryStoreException>(() => new PostgresHistoryStore("Hots=nowhere", NullLogger.Instance));
        var description = PostgresHistoryStore.Describe("Host=db.example;Port=5433;Database=chat;Username=parley;Password=secret");
        Assert.Equal("postgresql db.example:5433/chat", description);
    }

    [Fact]
    public async Task A_batch_retried_after_its_commit_is_stored_once_by_a_single_node_and_by_a_cluster_node()
    {
        // The writer retries a batch whose commit threw; when only the acknowledgement was lost, the rows are there.
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using (var single = NewStore(database))
        {
            await single.OpenAsync(CancellationToken.None).WaitAsync(Timeout);
            HistoryEntry[] batch = [Entry(1, "#solo", "alice", "one"), Entry(2, "#solo", "alice", "two")];
            await single.AppendAsync(batch, CancellationToken.None).WaitAsync(Timeout);
            await single.AppendAsync(batch, CancellationToken.None).WaitAsync(Timeout);
            Assert.Equal(["one", "two"], Texts(await single.ReadRoomAsync("#solo", HistoryRange.Latest(10), CancellationToken.None).WaitAsync(Timeout)));
        }

        await using var node = NewStore(database);
        await node.OpenAsync(CancellationToken.None).WaitAsync(Timeout);
        await node.JoinClusterAsync("node-a", CancellationToken.None).WaitAsync(Timeout);
        HistoryEntry[] first = [Entry(3, "#general", "alice", "three"), Entry(4, "#general", "bob", "four")];
        await node.AppendAsync(first, CancellationToken.None).WaitAsync(Timeout);
        await node.AppendAsync(first, CancellationToken.None).WaitAsync(Timeout);
        await node.AppendAsync([Entry(5, "#general", "alice", "five")], CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal(["three", "four", "five"], Texts(await node.ReadRoomAsync("#general", HistoryRange.Latest(10), CancellationToken.None).WaitAsync(Timeout)));
    }

    private static string[] Texts(IEnumerable<HistoryEntry> entries) => [.. entries.Select(e => e.Text)];

    internal static PostgresHistoryStore NewStore(PostgresTestDatabase database) =>
        new(database.ConnectionString, NullLogger.Instance);

    internal static HistoryEntry Entry(long id, string? room, string sender, string text, string? recipient = null) =>
        new(id, room, sender, recipient, text, id, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000 + id));
}
