using System.ComponentModel.DataAnnotations;

namespace Parley.Server.Hosting;

/// <summary>Listener and connection settings ("Parley:Server" in configuration; see docs/operations.md).</summary>
public sealed record ServerOptions
{
    /// <summary>Address every listener binds.</summary>
    [Required]
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Port of the text listener (seed dialects); 0 picks a free port.</summary>
    [Range(0, 65535)]
    public int TextPort { get; init; } = 5000;

    /// <summary>How long a new text connection may stay silent before the server prompts with NICK.</summary>
    public TimeSpan NickGracePeriod { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>The pause that ends a burst from an unframed client (one message per send, no newline).</summary>
    public TimeSpan UnframedPause { get; init; } = TimeSpan.FromMilliseconds(40);

    /// <summary>Least time between two writes to an unframed client, so each message is its own recv().</summary>
    public TimeSpan UnframedWriteGap { get; init; } = TimeSpan.FromMilliseconds(40);

    /// <summary>Tries a line-framed prompted client gets to pick a free, valid nickname.</summary>
    [Range(1, 100)]
    public int MaxNickAttempts { get; init; } = 3;

    /// <summary>Events queued for one connection before it counts as a slow consumer and is disconnected.</summary>
    [Range(1, 1_000_000)]
    public int OutboxCapacity { get; init; } = 4096;

    /// <summary>Most simultaneous connections over all listeners.</summary>
    [Range(1, 1_000_000)]
    public int MaxConnections { get; init; } = 10_000;

    /// <summary>How long shutdown waits for outboxes to drain before closing connections anyway.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
