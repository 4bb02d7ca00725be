using Npgsql;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// A database of its own for one test, on the throwaway PostgreSQL server that scripts/test.sh starts and names in
/// PARLEY_TEST_POSTGRES; dropped on dispose. Without that variable the test fails (never passes silently) and says
/// how to run it: tests that need PostgreSQL are part of the suite, and CI must run them.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    public const string Variable = "PARLEY_TEST_POSTGRES";

    private readonly string _admin;
    private readonly string _name;

    private PostgresTestDatabase(string admin, string name, string connectionString)
    {
        _admin = admin;
        _name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The database's name (for SQL run as the administrator).</summary>
    public string Name => _name;

    /// <summary>Connects to this test's database only.</summary>
    public string ConnectionString { get; }

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } admin
            ? admin
            : throw new InvalidOperationException(
                $"{Variable} is not set, and this test needs PostgreSQL. Run `bash scripts/test.sh`, which installs PostgreSQL when missing and starts a throwaway server for the tests, or set {Variable} to the connection string of a role that may CREATE DATABASE.");

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var admin = AdminConnectionString;
        var name = "parley_test_" + Guid.NewGuid().ToString("N")[..20];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name};", connection);
            await create.ExecuteNonQueryAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new PostgresTestDatabase(admin, name, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE);", connection);
        await drop.ExecuteNonQueryAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }
}
