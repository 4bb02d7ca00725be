namespace Parley.Core.Hub;

/// <summary>Whose room-state change (modes, topic) the hub is applying; see <see cref="Cluster.ClusterEventKinds.ReachesOwnNode"/>.</summary>
internal enum ClusterChange
{
    /// <summary>A member of this node made it: applied at once, published, and remembered as pending.</summary>
    Local,

    /// <summary>This node's own change, back from the backplane in the cluster's order: applied again unless a later
    /// change of this node to the same thing is still pending, and announced only where the state changed.</summary>
    Echo,

    /// <summary>Another node's change, in the cluster's order.</summary>
    Remote,
}
