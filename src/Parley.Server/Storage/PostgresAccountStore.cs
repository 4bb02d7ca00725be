using Npgsql;

using Parley.Core.Accounts;

namespace Parley.Server.Storage;

/// <summary>
/// Accounts in the cluster's PostgreSQL database (--postgres; table <c>accounts</c>, migration 4 in
/// <see cref="PostgresMigrations"/>), so every node on that database has the same accounts. Nothing is cached per
/// node: the registered-nickname check reads this table each time, so a name registered on one node is guarded on
/// every node from its commit on. The history store opens and migrates the database and owns the data source; this
/// store only reads and writes rows on its pooled connections. Names compare through lower() (nicknames are ASCII),
/// as the history's names do; the unique index on lower(name) decides between two registrations of one name, on
/// one node or two: the later insert does nothing (ON CONFLICT), never replaces.
/// </summary>
public sealed class PostgresAccountStore : IAccountStore
{
    private readonly NpgsqlDataSource _source;

    public PostgresAccountStore(NpgsqlDataSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
    }

    public async Task<AccountRecord?> FindAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Storable(name))
        {
            return null;
        }

        await using var command = _source.CreateCommand("SELECT name, password_hash, created FROM accounts WHERE lower(name) = lower($1);");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new AccountRecord(reader.GetString(0), reader.GetString(1), new DateTimeOffset(reader.GetFieldValue<DateTime>(2), TimeSpan.Zero))
            : null;
    }

    public async Task<bool> TryCreateAsync(AccountRecord account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        await using var command = _source.CreateCommand(
            "INSERT INTO accounts (name, password_hash, created) VALUES ($1, $2, $3) ON CONFLICT ((lower(name))) DO NOTHING;");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = account.Name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = account.PasswordHash });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = PostgresHistoryStore.Milliseconds(account.CreatedAt) });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<bool> UpdatePasswordAsync(string name, string passwordHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Storable(name))
        {
            return false;
        }

        await using var command = _source.CreateCommand("UPDATE accounts SET password_hash = $2 WHERE lower(name) = lower($1);");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = passwordHash });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    // PostgreSQL text cannot hold U+0000, and no account (a nickname) has one: a login naming one is simply unknown,
    // not a store failure.
    private static bool Storable(string name) => !name.Contains('\0', StringComparison.Ordinal);
}
