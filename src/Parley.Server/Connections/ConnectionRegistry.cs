using System.Buffers;

using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using Parley.Core.Hub;
using Parley.Server.Hosting;
using Parley.Server.Metrics;

namespace Parley.Server.Connections;

/// <summary>
/// Every open client connection, for the two things that concern them all: one heartbeat timer (handshake, idle
/// and send timeouts; no timer per connection) and shutdown, which reaches connections still in their handshake
/// too (members hear it from the hub first). Owns <see cref="_connections"/> under <see cref="_lock"/>;
/// connections are checked outside the lock.
/// </summary>
public sealed partial class ConnectionRegistry(
    ChatHub hub, IOptions<ServerOptions> options, TimeProvider time, ILogger<ConnectionRegistry> logger, ServerMetrics? metrics = null)
    : IHostedService, IDisposable
{
    /// <summary>A congested output that made no progress for this long stops holding senders back (its peer, not
    /// the server, is slow). Short: meanwhile the whole server's senders wait.</summary>
    public static readonly TimeSpan StallWindow = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private readonly HashSet<ClientConnection> _connections = [];
    private readonly ServerOptions _options = options.Value;
    private ITimer? _heartbeat;
    private bool _shuttingDown;

    public SendPressure Pressure { get; } = new();

    public ChatHub Hub => hub;

    /// <summary>Where the core counts what it does (null in tests that build the core alone).</summary>
    public ServerMetrics? Metrics => metrics;

    /// <summary>The shutdown notice's text (set by <see cref="Shutdown"/>).</summary>
    public string ShutdownText { get; private set; } = "Server is shutting down.";

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>The heartbeat period: a quarter of the shortest timeout it enforces (a protocol's keep-alive among
    /// them), between 10 ms and 1 s.</summary>
    public TimeSpan HeartbeatPeriod
    {
        get
        {
            var shortest = new[] { _options.HandshakeTimeout, _options.IdleTimeout, _options.SendTimeout, _options.IrcPingInterval, _options.IrcPingTimeout }.Min() / 4;
            return TimeSpan.FromTicks(Math.Clamp(shortest.Ticks, TimeSpan.TicksPerMillisecond * 10, TimeSpan.TicksPerSecond));
        }
    }

    public ClientConnection Open(ConnectionContext context) => new(context, this, _options, time, logger);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _heartbeat = time.CreateTimer(static state => ((ConnectionRegistry)state!).Beat(), this, HeartbeatPeriod, HeartbeatPeriod);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _heartbeat?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _heartbeat?.Dispose();

    /// <summary>Tells every connection the server is stopping (in its protocol) and closes it; members were told by
    /// the hub already, so only the rest (mid-handshake, subscription channels) get the notice from here.</summary>
    public void Shutdown(string text)
    {
        ClientConnection[] all;
        lock (_lock)
        {
            ShutdownText = text;
            _shuttingDown = true;
            all = [.. _connections];
        }

        foreach (var connection in all)
        {
            connection.Close(CloseReason.Shutdown);
        }
    }

    internal void Add(ClientConnection connection)
    {
        bool shuttingDown;
        lock (_lock)
        {
            _connections.Add(connection);
            shuttingDown = _shuttingDown;
        }

        if (shuttingDown)
        {
            connection.Close(CloseReason.Shutdown);
        }
    }

    internal void Remove(ClientConnection connection)
    {
        lock (_lock)
        {
            _connections.Remove(connection);
        }
    }

    /// <summary>Bytes queued over every connection (for the metrics; each output is read under its own lock).</summary>
    public long QueuedBytes()
    {
        ClientConnection[] snapshot;
        lock (_lock)
        {
            snapshot = [.. _connections];
        }

        long total = 0;
        foreach (var connection in snapshot)
        {
            total += connection.Output.QueuedBytes;
        }

        return total;
    }

    private void Beat()
    {
        ClientConnection[] snapshot;
        int count;
        lock (_lock)
        {
            count = _connections.Count;
            snapshot = ArrayPool<ClientConnection>.Shared.Rent(Math.Max(1, count));
            _connections.CopyTo(snapshot);
        }

        try
        {
            for (var i = 0; i < count; i++)
            {
                try
                {
                    snapshot[i].Tick(StallWindow);
                }
                catch (Exception ex)
                {
                    // A timer callback must not throw (it would end the process); one connection's fault is logged.
                    LogTickFailed(ex);
                }
            }
        }
        finally
        {
            ArrayPool<ClientConnection>.Shared.Return(snapshot, clearArray: true);
        }
    }
}
