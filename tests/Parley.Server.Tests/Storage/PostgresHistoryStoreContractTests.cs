using Microsoft.Extensions.Logging.Abstractions;

using Parley.Core.History;
using Parley.Server.Storage;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Storage;

/// <summary>The history contract on a real PostgreSQL server, a database of its own per test.</summary>
public sealed class PostgresHistoryStoreContractTests : HistoryStoreContract
{
    private PostgresTestDatabase? _database;

    protected override async Task<IHistoryStore> OpenEmptyStoreAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        var store = new PostgresHistoryStore(_database.ConnectionString, NullLogger.Instance);
        Assert.Equal(0, await store.OpenAsync(default).WaitAsync(TimeSpan.FromSeconds(30)));
        return store;
    }

    protected override async Task DisposeStoreAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
