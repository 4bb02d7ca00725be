namespace Parley.Client.Bench;

/// <summary>What every connection of one run shares: the measured window, the latencies, the disconnects.</summary>
public sealed class BenchContext
{
    private volatile bool _stopping;

    public BenchWindow Window { get; } = new();

    public LatencyRecorder Latencies { get; } = new();

    /// <summary>Send to arrival in this machine's kernel (<c>--arrival-times</c>), or null when not measured.</summary>
    public LatencyRecorder? Arrivals { get; init; }

    public DisconnectLog Disconnects { get; } = new();

    /// <summary>Set when the run ends, so connections closing then are not counted as disconnects.</summary>
    public bool Stopping
    {
        get => _stopping;
        set => _stopping = value;
    }
}
