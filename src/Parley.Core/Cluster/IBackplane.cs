namespace Parley.Core.Cluster;

/// <summary>
/// The backplane port: how the nodes that share one database become one chat. Contract:
/// <list type="bullet">
/// <item>Messages (<see cref="ClusterEventKind.RoomMessage"/>, <see cref="ClusterEventKind.DirectMessage"/>) are not
/// published here: the history store announces each one in the transaction that stores it. The receiver gets every
/// committed message exactly once, its own node's too, in the database's id order; after losing the database it
/// catches up by id before anything newer, so no committed message is skipped.</item>
/// <item><see cref="PublishAsync"/> reaches every other running node's receiver once; events one node publishes
/// arrive everywhere in the order it published them (callers serialise what must stay ordered), and all nodes receive
/// all events (messages included) in one and the same order. An event never reaches the node its
/// <see cref="ClusterEvent.Node"/> names, so a node does not hear its own events, except the kinds for which
/// <see cref="ClusterEventKinds.ReachesOwnNode"/> is true (room state: it takes its place in that one order); a
/// <see cref="ClusterEventKind.NodeGone"/> names the dead node, so every live node hears it, its publisher too.</item>
/// <item>A <see cref="ClusterEventKind.Topic"/> is stored as the room's topic in the same step as it is published,
/// so the stored topic is the last one in that order.</item>
/// <item>The receiver is called on one loop, one event at a time, and MUST NOT block. Each time the backplane
/// (re)starts listening and has caught up, the receiver gets a <see cref="ClusterEventKind.Resumed"/>.</item>
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
    /// <paramref name="receive"/> from then on; messages from the first one numbered above
    /// <paramref name="messagesThrough"/>.</summary>
    Task StartAsync(long messagesThrough, Action<ClusterEvent> receive, CancellationToken cancellationToken);

    Task PublishAsync(ClusterEvent clusterEvent, CancellationToken cancellationToken);

    /// <summary>True when this node now holds <paramref name="nick"/> (compared case-insensitively), also when it held
    /// it already; false when another node holds it.</summary>
    Task<bool> TryClaimNickAsync(string nick, CancellationToken cancellationToken);

    Task ReleaseNickAsync(string nick, CancellationToken cancellationToken);

    /// <summary>Every nickname held in the cluster with its node, by nick.</summary>
    Task<IReadOnlyList<(string Nick, string Node)>> ListNicksAsync(CancellationToken cancellationToken);
}
