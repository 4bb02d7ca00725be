using Microsoft.Data.Sqlite;

using Parley.Core.History;

namespace Parley.Server.Storage;

public sealed partial class SqliteHistoryStore
{
    /// <summary>The schema version recorded in the file (0 for a new file).</summary>
    internal static long SchemaVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(version), 0) FROM parley_schema;";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Direct messages stored so far: at the identity step, all of them have no accounts.</summary>
    private static long CountDirect(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var count = connection.CreateCommand();
        count.Transaction = transaction;
        count.CommandText = "SELECT count(*) FROM messages WHERE room IS NULL;";
        return (long)count.ExecuteScalar()!;
    }

    private void Migrate(SqliteConnection connection)
    {
        Execute(connection, SqliteMigrations.VersionTable);
        var current = SchemaVersion(connection);
        if (current > SqliteMigrations.Latest)
        {
            throw new HistoryStoreException(
                $"{_path} was written by a newer Parley (schema version {current}; this one knows up to {SqliteMigrations.Latest}). Run the newer Parley, or choose another --data file.");
        }

        foreach (var (version, sql) in SqliteMigrations.Steps)
        {
            if (version <= current)
            {
                continue;
            }

            using var transaction = connection.BeginTransaction();
            Execute(connection, sql, transaction);
            using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO parley_schema (version, applied) VALUES ($version, $applied);";
                record.Parameters.AddWithValue("$version", version);
                record.Parameters.AddWithValue("$applied", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                record.ExecuteNonQuery();
            }

            var legacy = version == SqliteMigrations.DirectAccounts ? CountDirect(connection, transaction) : 0;
            transaction.Commit();
            LogMigrated(_path, version);
            if (legacy > 0)
            {
                LogLegacyDirect(_path, legacy);
            }
        }
    }
}
