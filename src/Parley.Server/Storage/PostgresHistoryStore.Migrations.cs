using Npgsql;

using Parley.Core.History;

namespace Parley.Server.Storage;

public sealed partial class PostgresHistoryStore
{
    /// <summary>The schema version recorded in the database (0 for a new database).</summary>
    internal static async Task<int> SchemaVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM parley_schema;", connection);
        return (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private async Task MigrateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // One transaction under an advisory lock: a second node starting now waits here, then finds the work done.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({PostgresMigrations.LockKey});", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, PostgresMigrations.VersionTable, cancellationToken).ConfigureAwait(false);
        var current = await SchemaVersionAsync(connection, cancellationToken).ConfigureAwait(false);
        if (current > PostgresMigrations.Latest)
        {
            throw new HistoryStoreException(
                $"PostgreSQL database {_where} was written by a newer Parley (schema version {current}; this one knows up to {PostgresMigrations.Latest}). Run the newer Parley, or name another database in --postgres.");
        }

        var applied = new List<int>();
        long legacy = 0;
        foreach (var (version, sql) in PostgresMigrations.Steps)
        {
            if (version <= current)
            {
                continue;
            }

            await ExecuteAsync(connection, sql, cancellationToken).ConfigureAwait(false);
            await using var record = new NpgsqlCommand("INSERT INTO parley_schema (version, applied) VALUES ($1, now());", connection);
            record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = version });
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            applied.Add(version);
            if (version == PostgresMigrations.DirectAccounts)
            {
                // Direct messages stored so far: all of them have no accounts.
                await using var count = new NpgsqlCommand("SELECT count(*) FROM messages WHERE room IS NULL;", connection);
                legacy = (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        foreach (var version in applied)
        {
            LogMigrated(_where, version);
        }

        if (legacy > 0)
        {
            LogLegacyDirect(_where, legacy);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
