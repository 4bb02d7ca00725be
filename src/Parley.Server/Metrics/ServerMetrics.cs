using Prometheus;

namespace Parley.Server.Metrics;

/// <summary>
/// The server's Prometheus metrics (docs/operations.md, "Metrics"), in a registry of their own per server so
/// that two servers in one process (tests) never mix their figures. Counters are bumped where things happen
/// (the connection core, admission, the history store); gauges that are a property of the whole server
/// (rooms, members, queued bytes) are read when <c>/metrics</c> is scraped, never kept up to date on the hot path.
/// </summary>
public sealed class ServerMetrics
{
    private readonly Gauge _connections;
    private readonly Counter _disconnects;

    public ServerMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        _connections = factory.CreateGauge("parley_connections", "Open client connections, by protocol (text, json, ws).", "protocol");
        Rooms = factory.CreateGauge("parley_rooms", "Rooms that exist now.");
        Members = factory.CreateGauge("parley_members", "Registered users (hub members) now.");
        SendQueueBytes = factory.CreateGauge("parley_send_queue_bytes", "Bytes queued over all connections behind a flush in flight.");
        MessagesIn = factory.CreateCounter("parley_messages_in_total", "Messages (frames, lines) admitted from clients.");
        MessagesOut = factory.CreateCounter("parley_messages_out_total", "Events and replies accepted for sending to clients.");
        Deliveries = factory.CreateCounter("parley_deliveries_total", "Hub events (room and direct messages, joins, notices) delivered to a connection.");
        _disconnects = factory.CreateCounter("parley_disconnects_total", "Connections the server closed, by reason (slow_consumer, flood, handshake_timeout, idle_timeout).", "reason");
        HistoryWriteSeconds = factory.CreateHistogram("parley_history_write_seconds", "Time to make a batch of messages durable in the history store.", new HistogramConfiguration
        {
            Buckets = Histogram.ExponentialBuckets(0.0001, 2, 16),
        });
        foreach (var protocol in new[] { "text", "json", "ws" })
        {
            _connections.WithLabels(protocol);
        }

        foreach (var reason in new[] { "slow_consumer", "flood", "handshake_timeout", "idle_timeout" })
        {
            _disconnects.WithLabels(reason);
        }
    }

    public CollectorRegistry Registry { get; }

    public Gauge Rooms { get; }

    public Gauge Members { get; }

    public Gauge SendQueueBytes { get; }

    public Counter MessagesIn { get; }

    public Counter MessagesOut { get; }

    public Counter Deliveries { get; }

    /// <summary>For the history store: observe each batch's commit time in seconds.</summary>
    public Histogram HistoryWriteSeconds { get; }

    public Gauge.Child Connections(string protocol) => _connections.WithLabels(protocol);

    public Counter.Child Disconnects(string reason) => _disconnects.WithLabels(reason);

    /// <summary>Runs <paramref name="update"/> before every scrape (to set the gauges read from the server's state).</summary>
    public void BeforeScrape(Action update) => Registry.AddBeforeCollectCallback(update);
}
