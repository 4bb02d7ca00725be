namespace Parley.Server.Tests.Infrastructure;

/// <summary>Base of the test classes whose every test runs on a database of its own, created on the suite's real
/// PostgreSQL server before the test and dropped after it.</summary>
public abstract class OnFreshPostgresDatabase : IAsyncLifetime
{
    private PostgresTestDatabase? _database;

    protected PostgresTestDatabase Database => _database ?? throw new InvalidOperationException("The test database is created in InitializeAsync.");

    public async Task InitializeAsync() => _database = await PostgresTestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
