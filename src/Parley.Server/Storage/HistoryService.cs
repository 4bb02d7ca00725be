using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using Parley.Core.History;
using Parley.Core.Hub;
using Parley.Server.Cluster;
using Parley.Server.Connections;
using Parley.Server.Hosting;
using Parley.Server.Metrics;

namespace Parley.Server.Storage;

/// <summary>
/// Opens the store before the listeners start (hosted services start first) and attaches it to the hub; on stop,
/// after the listeners, lets the writer store and deliver what it holds, then closes the store. A store that cannot
/// be used stops the start with a <see cref="HistoryStoreException"/>: never a silent fresh database.
/// </summary>
public sealed partial class HistoryService : IHostedService
{
    private readonly ChatHub _hub;
    private readonly HistoryOptions _options;
    private readonly string _postgres;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger<HistoryService> _logger;
    private readonly ConnectionRegistry _connections;
    private readonly TimeProvider _time;
    private readonly ServerMetrics _metrics;
    private readonly ClusterOptions _cluster;
    private IHistoryStore? _store;

    public HistoryService(
        ChatHub hub,
        HistoryOptions options,
        IOptions<ServerOptions> server,
        IOptions<ClusterOptions> cluster,
        ConnectionRegistry connections,
        TimeProvider time,
        ILoggerFactory loggers,
        ServerMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        _cluster = cluster.Value;
        _metrics = metrics;
        _postgres = server.Value.Postgres;
        _connections = connections;
        _time = time;
        _hub = hub;
        _options = options;
        _loggers = loggers;
        _logger = loggers.CreateLogger<HistoryService>();
        Description = HistoryStores.Describe(options, _postgres);
    }

    /// <summary>For the start-up line "data ...": "sqlite /home/me/.local/share/parley/parley.db", or "none (history off)".</summary>
    public string Description { get; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        var inner = HistoryStores.Create(_options, _postgres, _loggers);
        var store = new TimedHistoryStore(inner, _metrics);
        var lastId = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rooms = await store.LoadRoomsAsync(cancellationToken).ConfigureAwait(false);
        _store = store;
        if (inner is PostgresHistoryStore shared)
        {
            await JoinClusterAsync(shared, store, lastId, rooms, cancellationToken).ConfigureAwait(false);
            return;
        }

        _hub.AttachHistory(store, _options, lastId, rooms, WaitWhileSendsAreBehind);
    }

    private static readonly TimeSpan PressureRecheck = TimeSpan.FromMilliseconds(250);

    // Completes at once (no allocation) unless some transport is behind; rechecked every 250 ms, as read loops do.
    private ValueTask WaitWhileSendsAreBehind()
    {
        var pressure = _connections.Pressure;
        return pressure.Congested == 0 ? ValueTask.CompletedTask : new ValueTask(WaitSlowAsync(pressure));
    }

    private async Task WaitSlowAsync(SendPressure pressure)
    {
        while (pressure.Congested > 0 && !_hub.IsShuttingDown)
        {
            try
            {
                await pressure.WaitAsync(CancellationToken.None).AsTask().WaitAsync(PressureRecheck, _time).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_store is not { } store)
        {
            return;
        }

        try
        {
            // Stored and announced first, then the goodbye: the other nodes see this node's last messages, then its users go.
            await _hub.DetachHistoryAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            await _hub.DetachClusterAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The host's stop deadline passed with the writer still busy. Its committed batches are safe on disk;
            // closing the store under it would only turn the rest into errors, so leave it to the process exit.
            LogStopTimedOut();
            return;
        }

        await store.DisposeAsync().ConfigureAwait(false);
    }
}
