using System.ComponentModel.DataAnnotations;

namespace Parley.Server.Cluster;

/// <summary>Settings of the nodes that share one PostgreSQL database ("Parley:Cluster"; see docs/operations.md).</summary>
public sealed record ClusterOptions
{
    /// <summary>How often a node records that it is alive (and reaps nodes that stopped).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A node whose last heartbeat is older than this is gone: its users are announced gone and their
    /// nicknames freed. Keep it several heartbeats long, so a slow moment is not a death.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan NodeLease { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest pause between two attempts to get the listening connection back.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an event too large for a NOTIFY payload is kept for the nodes to fetch.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LargeEventRetention { get; init; } = TimeSpan.FromMinutes(10);
}
