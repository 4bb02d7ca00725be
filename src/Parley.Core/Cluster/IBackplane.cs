namespace Parley.Core.Cluster;

/// <summary>
/// The backplane port: how the nodes that share one database become one chat. Contract:
/// <list type="bullet">
/// <item><see cref="PublishAsync"/> reaches every other running node's receiver once; events one node publishes
/// arrive everywhere in the order it published them (callers serialise what must stay ordered). An event never
/// reaches the node its <see cref="ClusterEvent.Node"/> names, so a node does not hear its own events; a
/// <see cref="ClusterEventKind.NodeGone"/> names the dead node, so every live node hears it, its publisher too.</item>
/// <item>The receiver is called on one loop, one event at a time, and MUST NOT block.</item>
/// <item>A nickname is held by at most one node at a time (<see cref="TryClaimNickAsync"/>); a node's claims last
/// while it heartbeats, and are freed when it stops or its lease runs out (then the others get a
/// <see cref="ClusterEventKind.NodeGone"/> naming the nicks).</item>
/// </list>
/// </summary>
public interface IBackplane : IAsyncDisposable
{
    /// <summary>This node's name in the cluster, unique per process start.</summary>
    string NodeId { get; }

    /// <summary>Registers this node, starts its heartbeat and its listener, and delivers other nodes' events to
    /// <paramref name="receive"/> from then on.</summary>
    Task StartAsync(Action<ClusterEvent> receive, CancellationToken cancellationToken);

    Task PublishAsync(ClusterEvent clusterEvent, CancellationToken cancellationToken);

    /// <summary>True when this node now holds <paramref name="nick"/> (compared case-insensitively); false when
    /// another node (or this one) holds it already.</summary>
    Task<bool> TryClaimNickAsync(string nick, CancellationToken cancellationToken);

    Task ReleaseNickAsync(string nick, CancellationToken cancellationToken);

    /// <summary>Every nickname held in the cluster with its node, by nick.</summary>
    Task<IReadOnlyList<(string Nick, string Node)>> ListNicksAsync(CancellationToken cancellationToken);
}
