using Npgsql;

using Parley.Core.Cluster;

namespace Parley.Server.Cluster;

/// <summary>Liveness and nicknames. Rule (docs/operations.md, "Several nodes"): a node holds the nicknames it
/// claimed while its heartbeat (the database's clock, so nodes' clocks need not agree) is younger than
/// <see cref="ClusterOptions.NodeLease"/>; any node that sees an older one deletes it, which frees its claims
/// (ON DELETE CASCADE), and announces its users gone. A crashed node's nicknames are therefore free at most
/// NodeLease + HeartbeatInterval after its last heartbeat.</summary>
public sealed partial class PostgresBackplane
{
    public async Task<bool> TryClaimNickAsync(string nick, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(nick);
        await using var batch = _source.CreateBatch();

        // Beat first: a node that was reaped while stalled comes back before it claims (the claim needs its row).
        batch.BatchCommands.Add(BeatCommand());
        // Held by this node already (a change of case, a roster after a reconnect): still this node's, as now spelled.
        var claim = new NpgsqlBatchCommand("""
            INSERT INTO nick_claims (nick_key, nick, node_id, claimed) VALUES (lower($1), $1, $2, now())
            ON CONFLICT (nick_key) DO UPDATE SET nick = excluded.nick WHERE nick_claims.node_id = excluded.node_id;
            """);
        claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = nick });
        claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = NodeId });
        batch.BatchCommands.Add(claim);
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return claim.RecordsAffected == 1;
    }

    public async Task ReleaseNickAsync(string nick, CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand("DELETE FROM nick_claims WHERE nick_key = lower($1) AND node_id = $2;");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = nick });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = NodeId });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<(string Nick, string Node)>> ListNicksAsync(CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand("SELECT nick, node_id FROM nick_claims ORDER BY nick_key;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var nicks = new List<(string, string)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            nicks.Add((reader.GetString(0), reader.GetString(1)));
        }

        return nicks;
    }

    private NpgsqlBatchCommand BeatCommand()
    {
        var beat = new NpgsqlBatchCommand(
            "INSERT INTO nodes (node_id, started, heartbeat) VALUES ($1, now(), now()) ON CONFLICT (node_id) DO UPDATE SET heartbeat = now();");
        beat.Parameters.Add(new NpgsqlParameter<string> { TypedValue = NodeId });
        return beat;
    }

    private async Task BeatAsync(CancellationToken cancellationToken)
    {
        await using var batch = _source.CreateBatch();
        batch.BatchCommands.Add(BeatCommand());
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task HeartbeatLoopAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(_options.HeartbeatInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                try
                {
                    await BeatAsync(stopping).ConfigureAwait(false);
                    await ReapAsync(stopping).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
                {
                    LogHeartbeatFailed(ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Deletes nodes whose lease ran out (their claims go with them) and announces each one's users gone.
    /// DELETE ... RETURNING hands each dead node to exactly one reaper, so it is announced once.</summary>
    private async Task ReapAsync(CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand("""
            WITH dead AS (DELETE FROM nodes WHERE heartbeat < now() - $1 AND node_id <> $2 RETURNING node_id)
            SELECT d.node_id, coalesce(string_agg(c.nick, ' ' ORDER BY c.nick_key), '')
            FROM dead d LEFT JOIN nick_claims c ON c.node_id = d.node_id GROUP BY d.node_id;
            """);
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = _options.NodeLease });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = NodeId });
        var dead = new List<(string Node, string Nicks)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                dead.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (node, nicks) in dead)
        {
            LogNodeReaped(node, nicks);

            // Its Node is the dead one's, so this node's own listener delivers it here too.
            await PublishAsync(Gone(node, nicks), cancellationToken).ConfigureAwait(false);
        }

        await using var spill = _source.CreateCommand("DELETE FROM cluster_events WHERE created < now() - $1;");
        spill.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = _options.LargeEventRetention });
        await spill.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

        // A batch's mark is needed only while its writer may retry it (about a second); a lease is far longer.
        await using var marks = _source.CreateCommand("DELETE FROM stored_batches WHERE stored < now() - $1;");
        marks.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = _options.NodeLease });
        await marks.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes this node's row (freeing its nicknames) and returns them, space-separated.</summary>
    private async Task<string> DeregisterAsync(CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand("""
            WITH gone AS (DELETE FROM nodes WHERE node_id = $1)
            SELECT coalesce(string_agg(nick, ' ' ORDER BY nick_key), '') FROM nick_claims WHERE node_id = $1;
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = NodeId });
        return (string)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
