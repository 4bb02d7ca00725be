using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

using Parley.Core.Accounts;
using Parley.Server.Storage;

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
