using System.Net.Sockets;

using Microsoft.Extensions.Logging;

using Npgsql;

using NpgsqlTypes;

using Parley.Core.History;

namespace Parley.Server.Storage;

/// <summary>
/// History in PostgreSQL (--postgres): the same contract as <see cref="SqliteHistoryStore"/>, with full-text search
/// on a tsvector column and a GIN index. Every call takes a pooled connection from one <see cref="NpgsqlDataSource"/>;
/// PostgreSQL orders concurrent writers itself, so unlike SQLite nothing here serialises the callers. A batch is one
/// INSERT over arrays (one round trip, one transaction), so group commit costs one commit per batch.
/// </summary>
public sealed partial class PostgresHistoryStore : IHistoryStore
{
    private const string InsertSql =
        $"INSERT INTO messages ({PostgresMessageColumns.Names}) SELECT * FROM {PostgresMessageColumns.Unnest} ON CONFLICT (id) DO NOTHING;";

    private readonly NpgsqlDataSource _source;
    private readonly ILogger _logger;
    private readonly string _where;

    public PostgresHistoryStore(string connectionString, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new HistoryStoreException($"The PostgreSQL connection string is not valid: {ex.Message}", ex);
        }

        _where = Where(builder);
        _source = NpgsqlDataSource.Create(builder);
        _logger = logger;
    }

    public string Description => "postgresql " + _where;

    /// <summary>"postgresql host:port/database", never the password.</summary>
    public static string Describe(string connectionString)
    {
        try
        {
            return "postgresql " + Where(new NpgsqlConnectionStringBuilder(connectionString));
        }
        catch (ArgumentException)
        {
            return "postgresql (connection string not valid)";
        }
    }

    /// <summary>The data source, for the cluster parts that share this database (backplane, nickname claims).</summary>
    internal NpgsqlDataSource Source => _source;

    public async Task<long> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
            await using var last = new NpgsqlCommand("SELECT coalesce(max(id), 0) FROM messages;", connection);
            return (long)(await last.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        catch (Exception ex) when (Explain(ex) is { } explained)
        {
            throw explained;
        }
    }

    public async Task AppendAsync(IReadOnlyList<HistoryEntry> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return;
        }

        if (_clusterNode is { } node)
        {
            await AppendClusteredAsync(batch, node, cancellationToken).ConfigureAwait(false);
            return;
        }

        await using var command = _source.CreateCommand(InsertSql);
        new PostgresMessageColumns(batch).AddTo(command.Parameters);

        // One statement is one transaction: the batch is stored whole or not at all.
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    /// <summary>PostgreSQL keeps microseconds, SQLite milliseconds: both stores keep milliseconds, so they agree.</summary>
    internal static DateTime Milliseconds(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds()).UtcDateTime;

    private static string Where(NpgsqlConnectionStringBuilder builder) =>
        $"{builder.Host ?? "localhost"}:{builder.Port}/{builder.Database ?? builder.Username ?? "(default database)"}";

    private HistoryStoreException? Explain(Exception ex) => ex switch
    {
        HistoryStoreException => null,
        PostgresException { SqlState: "28P01" or "28000" } pg =>
            new HistoryStoreException($"PostgreSQL at {_where} refused the login ({pg.MessageText}); check Username and Password in --postgres.", ex),
        PostgresException { SqlState: "3D000" } pg =>
            new HistoryStoreException($"PostgreSQL at {_where}: {pg.MessageText}; create it (createdb) or name another Database in --postgres.", ex),
        PostgresException pg =>
            new HistoryStoreException($"PostgreSQL at {_where} cannot be used: {pg.SqlState} {pg.MessageText}", ex),
        NpgsqlException { InnerException: SocketException or TimeoutException or IOException } or TimeoutException =>
            new HistoryStoreException($"Cannot reach PostgreSQL at {_where} ({(ex.InnerException ?? ex).Message}); is it running, and do Host and Port in --postgres name it?", ex),
        NpgsqlException =>
            new HistoryStoreException($"PostgreSQL at {_where} cannot be used: {ex.Message}", ex),
        _ => null,
    };
}
