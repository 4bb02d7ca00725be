namespace Parley.Client.Bench;

/// <summary>
/// The raw counts of one measured window and the figures derived from them. Every derived figure is a
/// property here (not computed by the writers), so the table, the JSON and the tests agree.
/// </summary>
public sealed record BenchReport
{
    /// <summary>A generator using this share of one core (or more) may itself be what limits the run.</summary>
    public const double GeneratorBoundPercent = 90;

    public required BenchProtocol Protocol { get; init; }

    public required BenchMode Mode { get; init; }

    public required string Target { get; init; }

    public required int Clients { get; init; }

    /// <summary>Clients that connected and joined (the receivers: each gets every message but its own).</summary>
    public required int Connected { get; init; }

    public int Senders { get; init; }

    /// <summary>Messages per second per sender.</summary>
    public double Rate { get; init; }

    public int PayloadBytes { get; init; }

    /// <summary>Length of the measured window, in seconds.</summary>
    public double Seconds { get; init; }

    /// <summary>Seconds from the first connect to the last join.</summary>
    public double ConnectSeconds { get; init; }

    /// <summary>Clients that could not connect or join, and why the first one could not.</summary>
    public int ConnectFailures { get; init; }

    public string? FirstConnectFailure { get; init; }

    public long Sent { get; init; }

    public long Delivered { get; init; }

    public LatencySummary Latency { get; init; } = LatencySummary.Empty;

    /// <summary>Send to arrival in the generator's kernel (<c>--arrival-times</c>): the latency without the
    /// generator's own reading delay; null when not measured.</summary>
    public LatencySummary? Arrival { get; init; }

    public double SenderLagMeanMs { get; init; }

    public double SenderLagMaxMs { get; init; }

    public int Disconnects { get; init; }

    public string? FirstDisconnectReason { get; init; }

    /// <summary>Server CPU seconds (user + system) used during the window; null without --server-pid.</summary>
    public double? ServerCpuSeconds { get; init; }

    /// <summary>Server resident memory before the clients connected, and at the end.</summary>
    public long? ServerRssBeforeKiB { get; init; }

    public long? ServerRssKiB { get; init; }

    /// <summary>This process's CPU seconds during the window.</summary>
    public double GeneratorCpuSeconds { get; init; }

    /// <summary>Every step of a --ramp run, in order; the report itself is the best sustained step.</summary>
    public IReadOnlyList<BenchReport> Steps { get; init; } = [];

    /// <summary>Ramp only: whether this step had no loss, no disconnect and its p99 within the limit.</summary>
    public bool Sustained { get; init; }

    /// <summary>Each message reaches every other joined client (the servers do not echo to the sender).</summary>
    public long Expected => Sent * Math.Max(0, Connected - 1);

    public long Loss => Math.Max(0, Expected - Delivered);

    public double LossPercent => Expected == 0 ? 0 : 100.0 * Loss / Expected;

    public double DeliveriesPerSecond => Seconds > 0 ? Delivered / Seconds : 0;

    public double SentPerSecond => Seconds > 0 ? Sent / Seconds : 0;

    public double? ServerCpuPercent => ServerCpuSeconds is { } cpu && Seconds > 0 ? 100 * cpu / Seconds : null;

    public double? ServerCpuMicrosPerDelivery => ServerCpuSeconds is { } cpu && Delivered > 0 ? cpu * 1e6 / Delivered : null;

    public double GeneratorCpuPercent => Seconds > 0 ? 100 * GeneratorCpuSeconds / Seconds : 0;

    public bool GeneratorBound => GeneratorCpuPercent >= GeneratorBoundPercent;

    /// <summary>Idle: the server's resident memory growth per joined connection, in bytes.</summary>
    public double? ServerRssBytesPerConnection =>
        ServerRssBeforeKiB is { } before && ServerRssKiB is { } after && Connected > 0 ? (after - before) * 1024.0 / Connected : null;
}
