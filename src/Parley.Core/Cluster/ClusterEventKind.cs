namespace Parley.Core.Cluster;

/// <summary>What a <see cref="ClusterEvent"/> says. The numbers travel between nodes: never renumber one.</summary>
public enum ClusterEventKind
{
    /// <summary>A stored room message (<see cref="ClusterEvent.Id"/> is its row in the shared history).</summary>
    RoomMessage = 1,

    /// <summary>A stored direct message to <see cref="ClusterEvent.Other"/>.</summary>
    DirectMessage = 2,

    /// <summary><see cref="ClusterEvent.Nick"/> joined <see cref="ClusterEvent.Room"/>.</summary>
    Joined = 3,

    /// <summary><see cref="ClusterEvent.Nick"/> left <see cref="ClusterEvent.Room"/> (<see cref="ClusterEvent.Text"/>: why).</summary>
    Left = 4,

    /// <summary><see cref="ClusterEvent.Nick"/> is now called <see cref="ClusterEvent.Other"/>.</summary>
    Renamed = 5,

    /// <summary>Node <see cref="ClusterEvent.Node"/> stopped or stopped heartbeating; its users
    /// (<see cref="ClusterEvent.Text"/>, space-separated nicks) are gone and their nicknames free.</summary>
    NodeGone = 6,
}
