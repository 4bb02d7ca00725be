using Microsoft.Data.Sqlite;

using Parley.Core.Accounts;

namespace Parley.Server.Storage;

/// <summary>
/// Accounts in the history's SQLite file (table <c>accounts</c>, migration 2 in <see cref="SqliteMigrations"/>).
/// The history store opens and migrates the file first; this store only reads and writes rows, each call on a pooled
/// connection of its own, which WAL lets run beside the history writer. Names compare with NOCASE (ASCII), as
/// nicknames do.
/// </summary>
public sealed class SqliteAccountStore : IAccountStore
{
    private readonly string _connectionString;

    public SqliteAccountStore(string path, TimeSpan lockTimeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path == SqliteHistoryStore.Memory)
        {
            throw new ArgumentException("An in-memory database is private to its connection; use InMemoryAccountStore.", nameof(path));
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(lockTimeout.TotalSeconds)),
        }.ToString();
    }

    public async Task<AccountRecord?> FindAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, password_hash, created FROM accounts WHERE name = $name;";
        command.Parameters.AddWithValue("$name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new AccountRecord(reader.GetString(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)))
            : null;
    }

    public async Task<bool> TryCreateAsync(AccountRecord account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO accounts (name, password_hash, created) VALUES ($name, $hash, $created) ON CONFLICT (name) DO NOTHING;";
        command.Parameters.AddWithValue("$name", account.Name);
        command.Parameters.AddWithValue("$hash", account.PasswordHash);
        command.Parameters.AddWithValue("$created", account.CreatedAt.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<bool> UpdatePasswordAsync(string name, string passwordHash, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE accounts SET password_hash = $hash WHERE name = $name;";
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$hash", passwordHash);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
