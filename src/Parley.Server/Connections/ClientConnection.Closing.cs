using Microsoft.AspNetCore.Connections;

using Parley.Core.Events;

namespace Parley.Server.Connections;

/// <summary>Closing: the goodbye in the client's protocol (first closer wins), and the end after the session returned.</summary>
public sealed partial class ClientConnection
{
    /// <summary>
    /// Closes the connection for <paramref name="reason"/> (first caller wins): logs it once, sends the goodbye
    /// in the client's protocol (a slow consumer's backlog is dropped first so that the reason is next in line),
    /// and wakes the read loop, which leaves the hub. The bytes still go out within <see cref="FinishAsync"/>.
    /// </summary>
    public void Close(CloseReason reason)
    {
        string? slowDetail;
        lock (_closeGate)
        {
            if (Interlocked.CompareExchange(ref _closeReason, (int)reason, (int)CloseReason.None) != (int)CloseReason.None)
            {
                return;
            }

            // Read before the goodbye replaces the backlog.
            slowDetail = reason == CloseReason.SlowConsumer
                ? Output.PendingSince == 0 ? $"over {_options.SendQueueBytes} bytes queued" : "its socket takes no bytes"
                : null;
            var goodbye = GoodbyeFor(reason);
            var bytes = goodbye is null || _protocol is null ? ReadOnlyMemory<byte>.Empty : _protocol.Encoder.Encode(goodbye);
            Output.SendFinal(bytes, dropQueued: reason == CloseReason.SlowConsumer);
        }

        CountClose(reason);
        switch (reason)
        {
            case CloseReason.SlowConsumer:
                LogSlowConsumer(Who, slowDetail!);
                break;
            case CloseReason.Flood:
                LogFlood(Who, _options.MessagesPerSecond, _options.MessageBurst, _options.FloodTimeout);
                break;
            case CloseReason.HandshakeTimeout:
                LogHandshakeTimeout(Who, _options.HandshakeTimeout);
                break;
            case CloseReason.IdleTimeout:
                LogIdleTimeout(Who, _silenceAllowed);
                break;
        }

        Input.CancelPendingRead();
    }

    private ChatEvent? GoodbyeFor(CloseReason reason)
    {
        var now = _registry.Hub.Now;
        return reason switch
        {
            CloseReason.SlowConsumer => new ErrorNotice(ErrorCodes.SlowConsumer, "SendQ exceeded: you are not reading what the server sends; disconnecting.", now),
            CloseReason.Flood => new ErrorNotice(ErrorCodes.Flood, $"Excess flood: more than {_options.MessagesPerSecond} messages per second; disconnecting.", now),
            CloseReason.HandshakeTimeout => new ErrorNotice(ErrorCodes.Timeout, "Registration timed out; disconnecting.", now),
            CloseReason.IdleTimeout => new ErrorNotice(ErrorCodes.Timeout, "Nothing received for too long; disconnecting.", now),
            CloseReason.Shutdown => new ServerShutdown(_registry.ShutdownText, now),
            _ => null,
        };
    }

    /// <summary>
    /// After the session returned: leaves the heartbeat, lets the last bytes go out for at most
    /// <see cref="ServerOptions.ShutdownTimeout"/>, then closes the transport (aborting it if they did not).
    /// </summary>
    public async Task FinishAsync()
    {
        _registry.Remove(this);
        lock (_closeGate)
        {
            // Closed by the core: its goodbye is in the output by now (the gate), and goes out with the rest.
            if (Interlocked.CompareExchange(ref _closeReason, (int)CloseReason.Completed, (int)CloseReason.None) == (int)CloseReason.None)
            {
                Output.Complete();
            }
        }

        try
        {
            await Output.WhenDrained().WaitAsync(_options.ShutdownTimeout, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogDrainTimeout(Who, _options.ShutdownTimeout);
            _context.Abort(new ConnectionAbortedException("send queue not drained in time"));
        }

        Output.Close();
        _limiter?.Dispose();
    }
}
