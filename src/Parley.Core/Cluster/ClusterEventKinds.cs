namespace Parley.Core.Cluster;

/// <summary>Rules about <see cref="ClusterEventKind"/> that the hub and every backplane must agree on.</summary>
public static class ClusterEventKinds
{
    /// <summary>
    /// True for the kinds a node hears back from the backplane as well as publishing them: messages (their order is
    /// the store's) and room state (<see cref="ClusterEventKind.Topic"/>, <see cref="ClusterEventKind.Modes"/>). A
    /// node applies its own room-state change at once, and again when it comes back; the backplane delivers every
    /// event to every node in one order, so applying them all in that order leaves every node with the same state
    /// even when two nodes change one room at once (each change is an assignment: a flag, key, limit or topic set,
    /// a ban or operator added or removed).
    /// </summary>
    public static bool ReachesOwnNode(this ClusterEventKind kind) =>
        kind is ClusterEventKind.RoomMessage or ClusterEventKind.DirectMessage or ClusterEventKind.Topic or ClusterEventKind.Modes;
}
