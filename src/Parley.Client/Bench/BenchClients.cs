using System.Diagnostics;
using System.Net;

namespace Parley.Client.Bench;

/// <summary>
/// Opens N bench clients, a bounded number at a time, and starts each one's receive loop the moment it has
/// joined (so it reads the join storm that the later clients cause). Owns the connections and their loops.
/// </summary>
public sealed class BenchClients : IAsyncDisposable
{
    private readonly List<BenchConnection> _connections = [];
    private readonly List<Task> _loops = [];
    private readonly Lock _gate = new();
    private readonly BenchContext _context;
    private readonly CancellationTokenSource _stop = new();
    private int _failures;
    private string? _firstFailure;

    public BenchClients(BenchContext context) => _context = context;

    /// <summary>The joined connections, ordered by client number once <see cref="OpenAsync"/> has returned.</summary>
    public IReadOnlyList<BenchConnection> Connections => _connections;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _connections.Count;
            }
        }
    }

    public int Failures => Volatile.Read(ref _failures);

    public string? FirstFailure => Volatile.Read(ref _firstFailure);

    public async Task OpenAsync(BenchOptions options, IPEndPoint server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dialect = BenchDialects.For(options);
        var bufferSize = options.Mode == BenchMode.Idle ? 4096 : 32 * 1024;

        // A tag per run, so a run that follows another does not meet the nicknames of its closing connections.
        var tag = $"{(char)('a' + Random.Shared.Next(26))}{(char)('a' + Random.Shared.Next(26))}";
        using var slots = new SemaphoreSlim(options.ConnectConcurrency);
        var opening = new List<Task>(options.Clients);
        for (var i = 0; i < options.Clients; i++)
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            var index = i;
            opening.Add(Task.Run(
                async () =>
                {
                    try
                    {
                        await OpenOneAsync(dialect, server, index, $"{options.NickPrefix}{tag}{index}", bufferSize, options.HandshakeTimeout, cancellationToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        slots.Release();
                    }
                },
                CancellationToken.None));
        }

        await Task.WhenAll(opening).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _connections.Sort(static (a, b) => a.Index.CompareTo(b.Index));
        }
    }

    /// <summary>Total bytes received by every connection (for waiting until a join storm has settled).</summary>
    public long BytesReceived()
    {
        long total = 0;
        foreach (var connection in Snapshot())
        {
            total += connection.BytesReceived;
        }

        return total;
    }

    public long Received()
    {
        long total = 0;
        foreach (var connection in Snapshot())
        {
            total += connection.Received;
        }

        return total;
    }

    public long Delivered()
    {
        long total = 0;
        foreach (var connection in Snapshot())
        {
            total += connection.Delivered;
        }

        return total;
    }

    /// <summary>Waits until nothing has arrived for <paramref name="quiet"/>, or at most <paramref name="limit"/>.</summary>
    public async Task SettleAsync(TimeSpan quiet, TimeSpan limit, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var last = BytesReceived();
        var lastChange = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < limit)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
            var now = BytesReceived();
            if (now != last)
            {
                last = now;
                lastChange = Stopwatch.GetTimestamp();
            }
            else if (Stopwatch.GetElapsedTime(lastChange) >= quiet)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _context.Stopping = true;
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var connection in Snapshot())
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        await Task.WhenAll(Snapshot(_loops)).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task OpenOneAsync(
        IBenchDialect dialect, IPEndPoint server, int index, string nick, int bufferSize, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        BenchConnection connection;
        try
        {
            connection = await BenchConnection.OpenAsync(server, dialect, index, nick, bufferSize, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is BenchHandshakeException or System.Net.Sockets.SocketException or OperationCanceledException or IOException)
        {
            Interlocked.Increment(ref _failures);
            var reason = ex is OperationCanceledException && !cancellationToken.IsCancellationRequested
                ? $"{nick}: no answer within {timeout.TotalSeconds:0.#} s"
                : ex.Message;
            Interlocked.CompareExchange(ref _firstFailure, reason, null);
            return;
        }

        var loop = connection.RunAsync(_context, _stop.Token);
        lock (_gate)
        {
            _connections.Add(connection);
            _loops.Add(loop);
        }
    }

    private BenchConnection[] Snapshot()
    {
        lock (_gate)
        {
            return [.. _connections];
        }
    }

    private Task[] Snapshot(List<Task> tasks)
    {
        lock (_gate)
        {
            return [.. tasks];
        }
    }
}
