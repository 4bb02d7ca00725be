using System.IO.Pipelines;
using System.Threading.RateLimiting;

using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

using Parley.Core.Events;
using Parley.Server.Hosting;
using Parley.Server.Transport;

namespace Parley.Server.Connections;

/// <summary>
/// The connection core every session uses (text, JSON, and later IRC and WebSocket). It owns the transport, the
/// send side (<see cref="ConnectionOutput"/>: inline writes when idle, a byte-bounded queue while a flush is in
/// flight), back-pressure on senders (<see cref="SendPressure"/> and the message budget), the slow-consumer
/// policy, the handshake and idle timeouts (checked by <see cref="ConnectionRegistry"/>'s heartbeat) and closing
/// with a reason in the client's own protocol. A session supplies its framing (it reads <see cref="Input"/>), its
/// encoder and its handshake (<see cref="IConnectionProtocol"/>).
/// Threads: <see cref="TryDeliver"/>/<see cref="Send"/> from any thread (broadcasts); <see cref="AdmitAsync"/>,
/// <see cref="NoteActivity"/> and reads from the session's read loop only; <see cref="Close"/> from anywhere, once.
/// </summary>
public sealed partial class ClientConnection
{
    private static readonly TimeSpan PressureRecheck = TimeSpan.FromMilliseconds(250);

    private readonly ConnectionContext _context;
    private readonly ConnectionRegistry _registry;
    private readonly ServerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    // Held while a closer hands over its goodbye (Close) and while FinishAsync decides how to end: a read loop that
    // sees IsClosing and finishes at once must not close the output before the goodbye is in it.
    private readonly Lock _closeGate = new();
    private readonly long _connectedAt;
    private IConnectionProtocol? _protocol;
    private long _lastRead;
    private int _handshakeDone;
    private int _closeReason;
    private TokenBucketRateLimiter? _limiter;
    private long _throttledSince;
    private bool _keepAliveSent;
    private TimeSpan _silenceAllowed;

    internal ClientConnection(ConnectionContext context, ConnectionRegistry registry, ServerOptions options, TimeProvider time, ILogger logger)
    {
        _context = context;
        _registry = registry;
        _options = options;
        _time = time;
        _logger = logger;
        var framing = context.Features.Get<IMessageFraming>();
        Output = new ConnectionOutput(OutputOf(context, options), time, options.SendQueueBytes, registry.Pressure, framing);
        framing?.Bind(this);
        Address = context.RemoteEndPoint?.ToString() ?? context.ConnectionId;
        _connectedAt = _lastRead = time.GetTimestamp();
        _silenceAllowed = options.IdleTimeout;
    }

    public string Address { get; }

    // A bare TCP connection is written with the socket's own send; anything layered on the socket (TLS rewrites the
    // bytes, a WebSocket frames them) keeps the transport's output, whatever the socket feature says.
    private static PipeWriter OutputOf(ConnectionContext context, ServerOptions options) =>
        options.DirectSocketSends && SocketPipeWriter.BareSocketOf(context.Features) is { } socket
            ? new SocketPipeWriter(socket, context.Transport.Output)
            : context.Transport.Output;

    public System.Net.EndPoint? RemoteEndPoint => _context.RemoteEndPoint;

    /// <summary>The client's bytes. Only the session's read loop reads it; the core only cancels a pending read
    /// when it closes the connection.</summary>
    public PipeReader Input => _context.Transport.Input;

    /// <summary>Signalled when the transport is gone (client reset or FIN on some transports, abort).</summary>
    public CancellationToken Aborted => _context.ConnectionClosed;

    public ConnectionOutput Output { get; }

    public CloseReason CloseReason => (CloseReason)Volatile.Read(ref _closeReason);

    /// <summary>True once the core decided to close: the read loop should stop and leave.</summary>
    public bool IsClosing => Volatile.Read(ref _closeReason) != (int)CloseReason.None;

    public bool IsHandshakeDone => Volatile.Read(ref _handshakeDone) != 0;

    /// <summary>How the member's departure is told to the room when the core closed the connection.</summary>
    public string? DepartureReason => CloseReason switch
    {
        CloseReason.SlowConsumer => "slow consumer",
        CloseReason.Flood => "flooding",
        CloseReason.HandshakeTimeout or CloseReason.IdleTimeout => "timed out",
        CloseReason.Shutdown or CloseReason.Completed => "server closed the connection",
        _ => null,
    };

    private string Who => _protocol?.Who ?? Address;

    private bool ServerIsHoldingReads => _registry.Pressure.Congested > 0 || _registry.Hub.Backlog.Rooms > 0;

    /// <summary>Binds the session and starts the timeouts (the connection joins the registry's heartbeat).</summary>
    public void Attach(IConnectionProtocol protocol)
    {
        _protocol = protocol;
        _registry.Add(this);
    }

    /// <summary>The client registered (or otherwise proved it speaks the protocol): the handshake timeout no longer applies.</summary>
    public void HandshakeCompleted() => Volatile.Write(ref _handshakeDone, 1);

    /// <summary>The client sent bytes (resets the idle timeout). Called by the read loop after a read with data.</summary>
    public void NoteActivity() => Volatile.Write(ref _lastRead, _time.GetTimestamp());

    /// <summary>An event for this client, in its wire format (encoded once per format and event, then shared).
    /// Never blocks; false when the connection is closing or turned out to be a slow consumer.</summary>
    public bool TryDeliver(ChatEvent chatEvent)
    {
        ArgumentNullException.ThrowIfNull(chatEvent);
        if (!Send(chatEvent.GetEncoded(_protocol!.Encoder)))
        {
            return false;
        }

        _registry.Metrics?.Deliveries.Inc();
        return true;
    }

    /// <summary>Several events in order as one write (a room dispatcher's batch); see <see cref="TryDeliver"/>.</summary>
    public bool TryDeliverMany(ReadOnlySpan<ChatEvent> chatEvents)
    {
        if (!Completed(Output.TrySendMany(chatEvents, _protocol!.Encoder)))
        {
            return false;
        }

        _registry.Metrics?.Deliveries.Inc(chatEvents.Length);
        return true;
    }

    /// <summary>An event for this client alone, encoded now and not cached (replies nobody else gets).</summary>
    public bool SendOwn(ChatEvent chatEvent) => Send(_protocol!.Encoder.Encode(chatEvent));

    /// <summary>Bytes already framed for this client. Never blocks, never reorders.</summary>
    public bool Send(ReadOnlyMemory<byte> bytes) => Completed(Output.TrySend(bytes));

    private bool Completed(SendResult result)
    {
        switch (result)
        {
            case SendResult.Sent:
            case SendResult.Queued:
                _registry.Metrics?.MessagesOut.Inc();
                return true;
            case SendResult.Overflow:
                // Usually on a room dispatcher's thread: logging, the goodbye and waking the read loop happen on
                // the thread pool, never here.
                ThreadPool.UnsafeQueueUserWorkItem(static c => c.Close(CloseReason.SlowConsumer), this, preferLocal: false);
                return false;
            default:
                return false;
        }
    }

    /// <summary>No more events (hub shutdown, subscription over): what is queued goes out, then the connection closes.</summary>
    public void CompleteSending()
    {
        Output.Complete();
        if (Interlocked.CompareExchange(ref _closeReason, (int)CloseReason.Completed, (int)CloseReason.None) == (int)CloseReason.None)
        {
            Input.CancelPendingRead();
        }
    }

    /// <summary>
    /// Before handling each message from the client: waits while the server is behind on its sends or a room's
    /// dispatch queue is over its bound (back-pressure: this client's socket is not read meanwhile), then spends one token of the client's message budget, waiting
    /// for one if it has none. A client that stays over budget for <see cref="ServerOptions.FloodTimeout"/> is
    /// closed with the protocol's flood error. False when the connection is closing: stop handling input.
    /// </summary>
    public async ValueTask<bool> AdmitAsync(CancellationToken cancellationToken)
    {
        var backlog = _registry.Hub.Backlog;
        while ((_registry.Pressure.Congested > 0 || backlog.Rooms > 0) && !IsClosing)
        {
            try
            {
                // Rechecked now and then: a connection can close (or the pressure clear) while we wait.
                var wait = _registry.Pressure.Congested > 0 ? _registry.Pressure.WaitAsync(cancellationToken) : backlog.WaitAsync(cancellationToken);
                await wait.AsTask().WaitAsync(PressureRecheck, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }
        }

        if (_options.MessagesPerSecond == 0 || IsClosing)
        {
            return Admitted(!IsClosing);
        }

        _limiter ??= CreateLimiter();
        var firstTry = true;
        while (!IsClosing)
        {
            using (var lease = _limiter.AttemptAcquire(1))
            {
                if (lease.IsAcquired)
                {
                    if (firstTry)
                    {
                        _throttledSince = 0;
                    }

                    return Admitted(true);
                }

                if (_throttledSince == 0)
                {
                    _throttledSince = _time.GetTimestamp();
                }
                else if (_time.GetElapsedTime(_throttledSince) > _options.FloodTimeout)
                {
                    Close(CloseReason.Flood);
                    return false;
                }

                firstTry = false;
                var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero
                    ? retryAfter
                    : TimeSpan.FromSeconds(1.0 / _options.MessagesPerSecond);
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }

            _limiter.TryReplenish();
        }

        return false;
    }

    /// <summary>
    /// The heartbeat's look at this connection (<see cref="ConnectionRegistry"/>): handshake and idle timeouts,
    /// a send that made no progress for <see cref="ServerOptions.SendTimeout"/>, a congested output that stalled.
    /// </summary>
    internal void Tick(TimeSpan stallWindow)
    {
        if (IsClosing)
        {
            return;
        }

        // While the server holds every read loop back (its sends or a room's fan-out are behind), a client whose
        // registration is waiting behind that is not silent: the handshake timeout resumes once the server caught up.
        if (!IsHandshakeDone && _time.GetElapsedTime(_connectedAt) > _options.HandshakeTimeout && !ServerIsHoldingReads)
        {
            Close(CloseReason.HandshakeTimeout);
            return;
        }

        var silent = _time.GetElapsedTime(Volatile.Read(ref _lastRead));
        if (silent > _options.IdleTimeout || (_protocol?.KeepAlive is { } keepAlive && KeepAliveExpired(keepAlive, silent)))
        {
            Close(CloseReason.IdleTimeout);
            return;
        }

        var pendingSince = Output.PendingSince;
        if (pendingSince != 0 && _time.GetElapsedTime(pendingSince) > _options.SendTimeout)
        {
            Close(CloseReason.SlowConsumer);
            return;
        }

        Output.CheckStall(stallWindow);
    }

    /// <summary>The protocol's keep-alive (heartbeat only): one request after its interval of silence; true when the
    /// client stayed silent for its timeout after that.</summary>
    private bool KeepAliveExpired(KeepAlive keepAlive, TimeSpan silent)
    {
        if (silent < keepAlive.Interval)
        {
            _keepAliveSent = false;
            return false;
        }

        if (silent > keepAlive.Interval + keepAlive.Timeout)
        {
            _silenceAllowed = keepAlive.Interval + keepAlive.Timeout;
            return true;
        }

        if (!_keepAliveSent)
        {
            _keepAliveSent = true;
            _protocol!.SendKeepAlive();
        }

        return false;
    }

    private TokenBucketRateLimiter CreateLimiter() => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = _options.MessageBurst,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromTicks(Math.Max(1, TimeSpan.TicksPerSecond / _options.MessagesPerSecond)),
        // Replenished by the read loop when it needs a token (TryReplenish), not by a timer per connection.
        AutoReplenishment = false,
        QueueLimit = 0,
    });
}
