using Microsoft.Extensions.Logging;

using Parley.Core.History;
using Parley.Server.Cluster;

namespace Parley.Server.Storage;

/// <summary>--postgres: the node joins the cluster of every node on the same database. Order: the store is open; the
/// backplane gets a node id; the store numbers and announces messages as that node; the hub attaches the store, then
/// the backplane, which listens and catches up on every message above the store's last id before the listeners open.</summary>
public sealed partial class HistoryService
{
    /// <summary>This node's name in the cluster (--postgres), for the start-up line; null without one.</summary>
    public string? ClusterNode { get; private set; }

    /// <summary>The cluster's store (--postgres), whose database and connection pool the accounts share; null without one.</summary>
    internal PostgresHistoryStore? SharedStore { get; private set; }

    private async Task JoinClusterAsync(
        PostgresHistoryStore shared, IHistoryStore store, long lastId, IReadOnlyList<Core.History.StoredRoom> rooms, CancellationToken cancellationToken)
    {
        var backplane = new PostgresBackplane(_postgres, _cluster, _time, _loggers.CreateLogger<PostgresBackplane>());
        try
        {
            await shared.JoinClusterAsync(backplane.NodeId, cancellationToken).ConfigureAwait(false);
            _hub.AttachHistory(store, _options, lastId, rooms, WaitWhileSendsAreBehind);
            await _hub.AttachClusterAsync(backplane, _cluster.ToLinkOptions(), cancellationToken).ConfigureAwait(false);
            ClusterNode = backplane.NodeId;
            SharedStore = shared;
        }
        catch
        {
            await backplane.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
