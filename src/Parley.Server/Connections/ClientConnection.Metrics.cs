namespace Parley.Server.Connections;

/// <summary>What the core counts for /metrics (<see cref="Parley.Server.Metrics.ServerMetrics"/>); no-ops when the
/// registry has no metrics (the core built alone in tests).</summary>
public sealed partial class ClientConnection
{
    private bool Admitted(bool admitted)
    {
        if (admitted)
        {
            _registry.Metrics?.MessagesIn.Inc();
        }

        return admitted;
    }

    private void CountClose(CloseReason reason)
    {
        var name = reason switch
        {
            CloseReason.SlowConsumer => "slow_consumer",
            CloseReason.Flood => "flood",
            CloseReason.HandshakeTimeout => "handshake_timeout",
            CloseReason.IdleTimeout => "idle_timeout",
            _ => null,
        };
        if (name is not null)
        {
            _registry.Metrics?.Disconnects(name).Inc();
        }
    }
}
