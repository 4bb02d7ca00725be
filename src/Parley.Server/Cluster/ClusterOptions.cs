using System.ComponentModel.DataAnnotations;

using Parley.Core.Cluster;

namespace Parley.Server.Cluster;

/// <summary>Settings of the nodes that share one PostgreSQL database ("Parley:Cluster"; see docs/operations.md).</summary>
public sealed record ClusterOptions : IValidatableObject
{
    /// <summary>How often a node records that it is alive (and reaps nodes that stopped).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A node whose last heartbeat is older than this is gone: its users are announced gone and their
    /// nicknames freed. Keep it several heartbeats long, so a slow moment is not a death.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan NodeLease { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>First pause after losing the listening connection (or failing to catch up); it doubles on each failed
    /// attempt up to <see cref="ReconnectMaxDelay"/>, and is back to this once listening again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan ReconnectMinDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest pause between two attempts to get the listening connection back.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an event too large for a NOTIFY payload is kept for the nodes to fetch.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LargeEventRetention { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Messages read per query when a node catches up on what was committed while it was not listening.</summary>
    [Range(1, 100_000)]
    public int CatchUpPageSize { get; init; } = 500;

    /// <summary>How long after asking for the others' room state a node takes their answers.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RoomStateWindow { get; init; } = ClusterLinkOptions.DefaultRoomStateWindow;

    /// <summary>Most topic and mode changes per room kept meanwhile, to apply again over each answer.</summary>
    [Range(1, 1_000_000)]
    public int MaxHeardPerRoom { get; init; } = ClusterLinkOptions.DefaultMaxHeardPerRoom;

    /// <summary>What the hub's side of the cluster takes of these.</summary>
    public ClusterLinkOptions ToLinkOptions() => new() { RoomStateWindow = RoomStateWindow, MaxHeardPerRoom = MaxHeardPerRoom };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ReconnectMinDelay > ReconnectMaxDelay)
        {
            yield return new ValidationResult(
                $"{nameof(ReconnectMinDelay)} ({ReconnectMinDelay}) must not be longer than {nameof(ReconnectMaxDelay)} ({ReconnectMaxDelay}).",
                [nameof(ReconnectMinDelay), nameof(ReconnectMaxDelay)]);
        }
    }
}
