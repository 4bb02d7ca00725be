namespace Parley.Core.Cluster;

/// <summary>How a node catches up on room state after asking the others for it (ClusterLink.RoomState.cs). The server
/// binds them from "Parley:Cluster" with the backplane's settings and checks them at start (docs/operations.md).</summary>
public sealed record ClusterLinkOptions
{
    public static readonly TimeSpan DefaultRoomStateWindow = TimeSpan.FromSeconds(30);

    public const int DefaultMaxHeardPerRoom = 1000;

    /// <summary>How long after asking a node takes the others' room-state answers (they come within one round trip of
    /// every other node); a later answer is ignored.</summary>
    public TimeSpan RoomStateWindow { get; init; } = DefaultRoomStateWindow;

    /// <summary>Most topic and mode changes kept per room, while answers are awaited, to apply again over each answer.</summary>
    public int MaxHeardPerRoom { get; init; } = DefaultMaxHeardPerRoom;
}
