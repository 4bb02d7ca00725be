namespace Parley.Client.Bench;

/// <summary>Everything `parley bench` was asked to do; validated by <see cref="Validate"/>.</summary>
public sealed record BenchOptions
{
    public const int DefaultPayloadBytes = 64;

    public required string Host { get; init; }

    public required int Port { get; init; }

    public BenchProtocol Protocol { get; init; } = BenchProtocol.Json;

    public BenchMode Mode { get; init; } = BenchMode.Load;

    /// <summary>Connections, senders included; each reads everything the room carries.</summary>
    public int Clients { get; init; } = 50;

    /// <summary>How many of the clients also send (the first S).</summary>
    public int Senders { get; init; } = 10;

    /// <summary>Messages per second per sender (the starting rate with --ramp).</summary>
    public double Rate { get; init; } = 10;

    /// <summary>Length of the measured window (of each step with --ramp).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Load before the measured window, not counted (connections, JIT and caches settle).</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Bytes of message text per message, the timestamp included.</summary>
    public int PayloadBytes { get; init; } = DefaultPayloadBytes;

    /// <summary>The server's process id on this machine, for its CPU time and RSS from /proc.</summary>
    public int? ServerPid { get; init; }

    /// <summary>IRC channel to join (irc only; Parley's text and JSON users start in the default room).</summary>
    public string Room { get; init; } = "#bench";

    /// <summary>Connections opening (connect + handshake) at the same time.</summary>
    public int ConnectConcurrency { get; init; } = 200;

    /// <summary>Longest wait for one connection's handshake (the text port alone takes its 300 ms grace).</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>With --ramp: the p99 latency above which a step is not sustained.</summary>
    public TimeSpan RampP99Limit { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>With --ramp: each step's rate is the last one times this.</summary>
    public double RampFactor { get; init; } = 1.5;

    /// <summary>With --ramp: most steps before giving up (a server that never saturates).</summary>
    public int RampMaxSteps { get; init; } = 12;

    /// <summary>Also measure each payload's send-to-arrival time in this machine's kernel (Linux: SO_TIMESTAMPNS).</summary>
    public bool ArrivalTimes { get; init; }

    /// <summary>Nicknames are this prefix plus the client's number (IRC servers often allow only 9 characters).</summary>
    public string NickPrefix { get; init; } = "b";

    /// <summary>An error message for options that cannot work together, or null.</summary>
    public string? Validate()
    {
        if (Port is < 1 or > 65535)
        {
            return "the port must be 1 to 65535";
        }

        if (Clients < 1 || (Mode != BenchMode.Idle && Clients < 2))
        {
            return "--clients must be at least 2 (1 with --idle)";
        }

        if (Mode != BenchMode.Idle && (Senders < 1 || Senders > Clients))
        {
            return "--senders must be from 1 to --clients";
        }

        if (Mode != BenchMode.Idle && !(Rate > 0 && Rate <= 1_000_000))
        {
            return "--rate must be more than 0 and at most 1000000 messages per second per sender";
        }

        if (Duration <= TimeSpan.Zero || Warmup < TimeSpan.Zero)
        {
            return "--seconds must be more than 0 and --warmup 0 or more";
        }

        if (PayloadBytes < BenchPayload.MinimumSize || PayloadBytes > BenchPayload.MaximumSize)
        {
            return $"--payload must be {BenchPayload.MinimumSize} to {BenchPayload.MaximumSize} bytes";
        }

        if (Protocol == BenchProtocol.Irc && PayloadBytes > BenchPayload.MaximumIrcSize)
        {
            return $"--payload must be at most {BenchPayload.MaximumIrcSize} bytes with irc (an IRC line is at most 512 bytes)";
        }

        if (ArrivalTimes && !KernelArrivalClock.IsSupported)
        {
            return "--arrival-times needs 64-bit Linux (kernel receive timestamps)";
        }

        if (ConnectConcurrency < 1)
        {
            return "--connect-concurrency must be at least 1";
        }

        if (HandshakeTimeout <= TimeSpan.Zero)
        {
            return "--handshake-timeout must be more than 0 seconds";
        }

        if (Protocol == BenchProtocol.Irc && (Room.Length < 2 || Room[0] is not ('#' or '&') || Room.Contains(' ', StringComparison.Ordinal)))
        {
            return "--room must be an IRC channel name such as #bench";
        }

        return null;
    }
}
