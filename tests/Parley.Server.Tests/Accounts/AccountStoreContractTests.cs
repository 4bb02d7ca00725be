using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

using Parley.Core.Accounts;
using Parley.Server.Storage;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Accounts;

public sealed class InMemoryAccountStoreContractTests : AccountStoreContract
{
    protected override IAccountStore Store { get; } = new InMemoryAccountStore();
}

/// <summary>SQLite: the history store opens and migrates a real file; accounts share it and survive a reopen.</summary>
public sealed class SqliteAccountStoreContractTests : AccountStoreContract, IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("parley-accounts-");
    private SqliteHistoryStore _history = null!;

    protected override IAccountStore Store => new SqliteAccountStore(DbPath, TimeSpan.FromSeconds(5));

    private string DbPath => Path.Combine(_directory.FullName, "parley.db");

    public async Task InitializeAsync()
    {
        _history = new SqliteHistoryStore(DbPath, TimeSpan.FromSeconds(5), NullLogger.Instance);
        await _history.OpenAsync(default);
    }

    public async Task DisposeAsync()
    {
        await _history.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task Account_sqlite_accounts_survive_a_restart()
    {
        await Store.TryCreateAsync(new AccountRecord("kept", "hash", DateTimeOffset.UnixEpoch), default);
        await _history.DisposeAsync();
        SqliteConnection.ClearAllPools();

        _history = new SqliteHistoryStore(DbPath, TimeSpan.FromSeconds(5), NullLogger.Instance);
        await _history.OpenAsync(default);

        Assert.Equal("hash", (await Store.FindAsync("KEPT", default))!.PasswordHash);
    }
}

/// <summary>PostgreSQL: a database of its own per test on the test server (PARLEY_TEST_POSTGRES; fails without it),
/// migrated by the history store as a node's start does; accounts share its connection pool.</summary>
public sealed class PostgresAccountStoreContractTests : AccountStoreContract, IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private PostgresTestDatabase? _database;
    private PostgresHistoryStore? _history;

    protected override IAccountStore Store => new PostgresAccountStore(_history!.Source);

    public async Task InitializeAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        _history = await OpenAsync(_database);
    }

    public async Task DisposeAsync()
    {
        if (_history is not null)
        {
            await _history.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Account_postgres_two_nodes_registering_one_name_at_once_store_one_account()
    {
        // Two stores with pools of their own, as two nodes on one database have.
        await using var other = await OpenAsync(_database!);
        var nodeA = new PostgresAccountStore(_history!.Source);
        var nodeB = new PostgresAccountStore(other.Source);

        var created = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => (i % 2 == 0 ? nodeA : nodeB).TryCreateAsync(
            new AccountRecord(i % 3 == 0 ? "Dora" : "dora", "hash-" + i, DateTimeOffset.UnixEpoch), default)))).WaitAsync(Timeout);

        Assert.Single(created, c => c);
        var winner = "hash-" + Array.IndexOf(created, true);
        Assert.Equal(winner, (await nodeA.FindAsync("DORA", default).WaitAsync(Timeout))!.PasswordHash);
        Assert.Equal(winner, (await nodeB.FindAsync("dora", default).WaitAsync(Timeout))!.PasswordHash);
    }

    [Fact]
    public async Task Account_postgres_accounts_survive_a_restart()
    {
        await Store.TryCreateAsync(new AccountRecord("kept", "hash", DateTimeOffset.UnixEpoch), default).WaitAsync(Timeout);
        await _history!.DisposeAsync();

        _history = await OpenAsync(_database!);

        Assert.Equal("hash", (await Store.FindAsync("KEPT", default).WaitAsync(Timeout))!.PasswordHash);
    }

    private static async Task<PostgresHistoryStore> OpenAsync(PostgresTestDatabase database)
    {
        var store = new PostgresHistoryStore(database.ConnectionString, NullLogger.Instance);
        await store.OpenAsync(default).WaitAsync(Timeout);
        return store;
    }
}
