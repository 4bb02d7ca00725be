using Microsoft.Extensions.Logging.Abstractions;

using Parley.Core.History;
using Parley.Server.Storage;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Storage;

/// <summary>The store contract on a real PostgreSQL server, a database of its own per test.</summary>
public sealed class PostgresHistoryStoreContractTests : HistoryStoreContract
{
    private PostgresTestDatabase? _database;

    protected override async Task<IHistoryStore> CreateStoreAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        return new PostgresHistoryStore(_database.ConnectionString, NullLogger.Instance);
    }

    protected override async Task DisposeStoreAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
