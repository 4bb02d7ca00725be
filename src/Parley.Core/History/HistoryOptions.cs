using System.ComponentModel.DataAnnotations;

namespace Parley.Core.History;

/// <summary>History settings ("Parley:History" in configuration; see docs/operations.md).</summary>
public sealed record HistoryOptions
{
    /// <summary>False: nothing is stored and nothing is replayed (--no-history).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The SQLite file, ":memory:" for a database that lives as long as the process; empty means the
    /// default under the user's data directory (resolved by the server).</summary>
    public string Data { get; init; } = string.Empty;

    /// <summary>How long opening the database waits for another program's lock before giving up with an error.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Messages a member is shown on joining a room.</summary>
    [Range(0, HistoryRange.MaxLimit)]
    public int Replay { get; init; } = 50;

    /// <summary>Messages kept at most; older ones are deleted in the background. Zero or less: kept forever.</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Newest messages kept per room; older ones are deleted in the background. 0: no cap.</summary>
    [Range(0, int.MaxValue)]
    public int MaxMessagesPerRoom { get; init; } = 100_000;

    /// <summary>Most messages committed in one transaction.</summary>
    [Range(1, 100_000)]
    public int MaxBatch { get; init; } = 256;

    /// <summary>How long the writer waits for more messages to close a batch that is not full. 0 (the default): none,
    /// the batch is what queued while the previous commit ran. The wait spins (it is below the timer's resolution),
    /// which takes a core from everything else on a small server (docs/benchmarks.md, "Session 11").</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:00.010")]
    public TimeSpan BatchWindow { get; init; } = TimeSpan.Zero;

    /// <summary>Messages accepted but not yet delivered; senders wait (their reads pause) while it is reached.</summary>
    [Range(1, 10_000_000)]
    public int MaxPending { get; init; } = 1024;

    /// <summary>Pause between two retention passes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan PruneInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Most rows one retention step deletes (one short transaction).</summary>
    [Range(1, 1_000_000)]
    public int PruneBatch { get; init; } = 1000;

    /// <summary>Messages a /history or /search answer holds at most when the user names no number.</summary>
    [Range(1, HistoryRange.MaxLimit)]
    public int DefaultPage { get; init; } = 20;
}
