using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Parley.Client.Bench;

/// <summary>
/// Runs one `parley bench`: resolve, sample the server, open the clients, then measure (a fixed load, the idle
/// memory, or a ramp of loads) and build the <see cref="BenchReport"/>. The display reads <see cref="Progress"/>.
/// </summary>
public sealed class BenchRunner
{
    // After the senders stop, deliveries still in flight get this long to arrive (all of them usually do at once).
    private static readonly TimeSpan DrainQuiet = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(10);

    private readonly BenchOptions _options;
    private readonly BenchContext _context;
    private readonly long _started = Stopwatch.GetTimestamp();
    private BenchClients? _clients;
    private BenchSender[] _senders = [];
    private volatile string _phase = "starting";
    private double _rate;

    public BenchRunner(BenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _rate = options.Rate;
        _context = new BenchContext { Arrivals = options.ArrivalTimes ? new LatencyRecorder() : null };
    }

    public BenchProgressSnapshot Progress()
    {
        var clients = _clients;
        long sent = 0;
        foreach (var sender in _senders)
        {
            sent += sender.Sent;
        }

        return new BenchProgressSnapshot(
            _phase,
            clients?.Count ?? 0,
            _options.Clients,
            clients?.Failures ?? 0,
            sent,
            clients?.Received() ?? 0,
            _context.Disconnects.Count,
            Volatile.Read(ref _rate),
            Stopwatch.GetElapsedTime(_started));
    }

    /// <summary>Throws <see cref="BenchHandshakeException"/> when too few clients could join to measure anything.</summary>
    public async Task<BenchReport> RunAsync(CancellationToken cancellationToken)
    {
        var server = await ResolveAsync(cancellationToken).ConfigureAwait(false);
        ProcessSample? before = _options.ServerPid is { } pid && ProcStats.TryRead(pid, out var sample) ? sample : null;

        await using var clients = new BenchClients(_context);
        _clients = clients;
        _phase = "connecting";
        var connectStarted = Stopwatch.GetTimestamp();
        await clients.OpenAsync(_options, server, cancellationToken).ConfigureAwait(false);
        var connectSeconds = Stopwatch.GetElapsedTime(connectStarted).TotalSeconds;
        var needed = _options.Mode == BenchMode.Idle ? 1 : 2;
        if (clients.Count < needed)
        {
            throw new BenchHandshakeException(
                $"only {clients.Count} of {_options.Clients} clients joined; first failure: {clients.FirstFailure ?? "none"}");
        }

        var baseline = new BenchReport
        {
            Protocol = _options.Protocol,
            Mode = _options.Mode,
            Target = $"{_options.Host}:{_options.Port}",
            Clients = _options.Clients,
            Connected = clients.Count,
            Senders = _options.Mode == BenchMode.Idle ? 0 : _options.Senders,
            PayloadBytes = _options.PayloadBytes,
            ConnectSeconds = connectSeconds,
            ConnectFailures = clients.Failures,
            FirstConnectFailure = clients.FirstFailure,
            ServerRssBeforeKiB = before?.RssKiB,
        };

        if (_options.Mode == BenchMode.Idle)
        {
            return await MeasureIdleAsync(clients, baseline, cancellationToken).ConfigureAwait(false);
        }

        // Let the join storm (every client told of every later join) pass before loading the server.
        _phase = "settling";
        await clients.SettleAsync(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        var dialect = BenchDialects.For(_options);
        var senders = new BenchSender[Math.Min(_options.Senders, clients.Connections.Count)];
        for (var i = 0; i < senders.Length; i++)
        {
            senders[i] = new BenchSender(clients.Connections[i], dialect, _options.PayloadBytes);
        }

        _senders = senders;
        if (_options.Mode == BenchMode.Load)
        {
            return await MeasureLoadAsync(clients, senders, baseline with { Rate = _options.Rate }, _options.Warmup, cancellationToken).ConfigureAwait(false);
        }

        return await RampAsync(clients, baseline, cancellationToken).ConfigureAwait(false);
    }

    private async Task<BenchReport> MeasureIdleAsync(BenchClients clients, BenchReport baseline, CancellationToken cancellationToken)
    {
        _phase = "settling";
        var settleStarted = Stopwatch.GetTimestamp();
        var own = Process.GetCurrentProcess().TotalProcessorTime;
        await clients.SettleAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(120), cancellationToken).ConfigureAwait(false);

        // Let the server's allocator and GC settle as well, as they would for a quiet server.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        ProcessSample? after = _options.ServerPid is { } pid && ProcStats.TryRead(pid, out var sample) ? sample : null;
        _phase = "done";
        return baseline with
        {
            Seconds = Stopwatch.GetElapsedTime(settleStarted).TotalSeconds,
            ServerRssKiB = after?.RssKiB,
            GeneratorCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - own).TotalSeconds,
            Disconnects = _context.Disconnects.Count,
            FirstDisconnectReason = _context.Disconnects.FirstReason,
        };
    }

    private async Task<BenchReport> RampAsync(BenchClients clients, BenchReport baseline, CancellationToken cancellationToken)
    {
        var steps = new List<BenchReport>();
        BenchReport? best = null;
        var rate = _options.Rate;
        for (var step = 0; step < _options.RampMaxSteps; step++)
        {
            // Only the first step needs the full warm-up; later ones just let the new rate take hold.
            var warmup = step == 0 ? _options.Warmup : TimeSpan.FromSeconds(Math.Min(1, _options.Warmup.TotalSeconds));
            var report = await MeasureLoadAsync(clients, _senders, baseline with { Rate = rate }, warmup, cancellationToken).ConfigureAwait(false);
            report = report with
            {
                Sustained = report.Loss == 0 && report.Disconnects == 0 && report.Latency.P99Ms <= _options.RampP99Limit.TotalMilliseconds,
            };
            steps.Add(report);
            if (!report.Sustained)
            {
                break;
            }

            if (best is null || report.DeliveriesPerSecond > best.DeliveriesPerSecond)
            {
                best = report;
            }

            rate *= _options.RampFactor;
        }

        return (best ?? steps[^1]) with { Mode = BenchMode.Ramp, Steps = steps };
    }

    private async Task<BenchReport> MeasureLoadAsync(
        BenchClients clients, BenchSender[] senders, BenchReport baseline, TimeSpan warmup, CancellationToken cancellationToken)
    {
        var frequency = Stopwatch.Frequency;
        var interval = frequency / baseline.Rate;
        var begin = Stopwatch.GetTimestamp();
        var windowStart = begin + (long)(warmup.TotalSeconds * frequency);
        var windowEnd = windowStart + (long)(_options.Duration.TotalSeconds * frequency);
        _context.Window.Set(windowStart, windowEnd);
        _context.Latencies.Reset();
        _context.Arrivals?.Reset();
        Volatile.Write(ref _rate, baseline.Rate);
        var deliveredBefore = clients.Delivered();
        var sentBefore = SentBy(senders);
        var lagSumBefore = 0L;
        foreach (var sender in senders)
        {
            lagSumBefore += sender.LagSum;
        }

        foreach (var sender in senders)
        {
            sender.ResetLagMax();
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sending = new Task[senders.Length];
        for (var i = 0; i < senders.Length; i++)
        {
            // Senders are spread over one interval so the load is even rather than in bursts of S.
            var first = begin + (long)(interval * i / senders.Length);
            sending[i] = senders[i].RunAsync(new SendSchedule(first, interval), _context.Window, windowEnd, stop.Token);
        }

        _phase = warmup > TimeSpan.Zero ? "warm-up" : "measuring";
        await DelayUntilAsync(windowStart, cancellationToken).ConfigureAwait(false);
        _phase = "measuring";
        ProcessSample? serverStart = _options.ServerPid is { } pid && ProcStats.TryRead(pid, out var s0) ? s0 : null;
        var ownStart = Process.GetCurrentProcess().TotalProcessorTime;
        await DelayUntilAsync(windowEnd, cancellationToken).ConfigureAwait(false);
        ProcessSample? serverEnd = _options.ServerPid is { } pid2 && ProcStats.TryRead(pid2, out var s1) ? s1 : null;
        var ownCpu = (Process.GetCurrentProcess().TotalProcessorTime - ownStart).TotalSeconds;

        // A sender blocked by a server that stopped reading is abandoned after the drain.
        _phase = "draining";
        var sent = SentBy(senders) - sentBefore;
        var expected = sent * Math.Max(0, clients.Count - 1);
        await DrainAsync(clients, deliveredBefore, expected, cancellationToken).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(sending).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        sent = SentBy(senders) - sentBefore;
        long lagSum = 0;
        long lagMax = 0;
        foreach (var sender in senders)
        {
            lagSum += sender.LagSum;
            lagMax = Math.Max(lagMax, sender.LagMax);
        }

        var msPerTick = 1000.0 / frequency;
        return baseline with
        {
            Seconds = (windowEnd - windowStart) / (double)frequency,
            Sent = sent,
            Delivered = clients.Delivered() - deliveredBefore,
            Latency = LatencySummary.From(_context.Latencies.Snapshot()),
            Arrival = _context.Arrivals is { } arrivals ? LatencySummary.From(arrivals.Snapshot()) : null,
            SenderLagMeanMs = sent > 0 ? (lagSum - lagSumBefore) * msPerTick / sent : 0,
            SenderLagMaxMs = lagMax * msPerTick,
            Disconnects = _context.Disconnects.Count,
            FirstDisconnectReason = _context.Disconnects.FirstReason,
            ServerCpuSeconds = serverStart is { } a && serverEnd is { } b ? b.CpuSeconds - a.CpuSeconds : null,
            ServerRssKiB = serverEnd?.RssKiB,
            GeneratorCpuSeconds = ownCpu,
        };
    }

    private async Task DrainAsync(BenchClients clients, long deliveredBefore, long expected, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var last = clients.Delivered();
        var lastChange = Stopwatch.GetTimestamp();
        while (last - deliveredBefore < expected && Stopwatch.GetElapsedTime(started) < DrainLimit)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
            var now = clients.Delivered();
            if (now != last)
            {
                last = now;
                lastChange = Stopwatch.GetTimestamp();
            }
            else if (Stopwatch.GetElapsedTime(lastChange) >= DrainQuiet)
            {
                return;
            }
        }
    }

    private static long SentBy(BenchSender[] senders)
    {
        long total = 0;
        foreach (var sender in senders)
        {
            total += sender.Sent;
        }

        return total;
    }

    private static async Task DelayUntilAsync(long timestamp, CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        if (timestamp > now)
        {
            await Task.Delay(Stopwatch.GetElapsedTime(now, timestamp), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IPEndPoint> ResolveAsync(CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(_options.Host, out var address))
        {
            return new IPEndPoint(address, _options.Port);
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(_options.Host, cancellationToken).ConfigureAwait(false);
            if (addresses.Length > 0)
            {
                return new IPEndPoint(addresses[0], _options.Port);
            }
        }
        catch (SocketException ex)
        {
            throw new BenchHandshakeException($"cannot resolve {_options.Host}: {ex.Message}", ex);
        }

        throw new BenchHandshakeException($"cannot resolve {_options.Host}");
    }
}
