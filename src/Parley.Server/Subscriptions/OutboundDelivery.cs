using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

using Microsoft.Extensions.Logging;

using Parley.Core.Events;
using Parley.Protocols.Json;
using Parley.Server.Hosting;

namespace Parley.Server.Subscriptions;

/// <summary>
/// Delivers one subscription's events to its registered address, as seed listeners (server5.py's clients)
/// expect: the server dials, writes each event as one seed-style JSON line, and leaves a gap of
/// <see cref="ServerOptions.UnframedWriteGap"/> between writes, since such listeners often read one recv() per
/// message; once events wait longer than a few gaps they go out together, one line each, up to 1 KiB per write,
/// so a busy room does not outrun a listener that reads everything. One connection is kept; a peer that closed it (listeners that accept, read one message and close)
/// is noticed before the next write and dialled again. Failed dials or writes back off exponentially from
/// <see cref="ServerOptions.SubscriberRedialInitialDelay"/> to <see cref="ServerOptions.SubscriberRedialMaxDelay"/>;
/// after <see cref="ServerOptions.SubscriberMaxFailures"/> in a row the subscriber is given up.
/// Contract: <see cref="TryEnqueue"/> never blocks; a full queue is a slow (or long unreachable) consumer.
/// As a <em>mirror</em> (while the subscriber also has an open subscribing connection, which gets every event
/// too, see <see cref="SubscriberSink"/>) the same failures do not give the subscriber up: the delivery goes
/// dormant, dropping what it holds, until <see cref="SetMirror"/> makes it the only path again.
/// </summary>
public sealed partial class OutboundDelivery : IDisposable
{
    /// <summary>Seed listeners read with recv(1024): a batch that fits arrives whole.</summary>
    private const int MaxBatchBytes = 1024;

    /// <summary>Events are batched once the oldest queued one has waited this many write gaps.</summary>
    private const int BatchAfterGaps = 4;

    private readonly string _key;
    private readonly IPEndPoint? _target;
    private readonly DialPolicy _policy;
    private readonly DialBudget _budget;
    private readonly ServerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<string> _giveUp;
    private readonly Channel<ChatEvent> _queue;
    private readonly CancellationTokenSource _stop;
    private Task _loop = Task.CompletedTask;
    private int _slow;
    private bool _mirror;
    private bool _dormant;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="key">The subscription's registry key, for the log.</param>
    /// <param name="target">Where to deliver (decided by <see cref="DialPolicy"/>); null when the server must never
    /// dial for this subscription: it then lives only while its subscribing connection is open.</param>
    public OutboundDelivery(
        string key, IPEndPoint? target, ServerOptions options, TimeProvider time, ILogger logger, DialPolicy policy, DialBudget budget, Action<string> giveUp)
    {
        ArgumentNullException.ThrowIfNull(options);
        _key = key;
        _target = target;
        _policy = policy;
        _budget = budget;
        if (target is null)
        {
            _dormant = true;
        }

        _options = options;
        _time = time;
        _logger = logger;
        _giveUp = giveUp;
        _queue = Channel.CreateBounded<ChatEvent>(new BoundedChannelOptions(options.OutboxCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });

        // Built on the TimeProvider so that the shutdown deadline (CancelAfter) follows the injected clock.
        _stop = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
    }

    /// <summary>Ends when the queue is drained after <see cref="Complete"/>, or at once after <see cref="Stop"/>.</summary>
    public Task Completion => _loop;

    public void Start()
    {
        _loop = Task.Run(RunAsync);
        _ = _loop.ContinueWith(
            static (task, state) => ((OutboundDelivery)state!).LogLoopFaulted(((OutboundDelivery)state!)._key, task.Exception!),
            this,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>True while the registered address has not taken deliveries as a mirror (or is this server).</summary>
    public bool IsDormant => Volatile.Read(ref _dormant);

    /// <summary>Mirror (another path delivers too) or sole path. Becoming the sole path wakes a dormant delivery:
    /// the address gets its full number of tries again.</summary>
    public void SetMirror(bool mirror)
    {
        Volatile.Write(ref _mirror, mirror);
        if (!mirror && Volatile.Read(ref _dormant))
        {
            Volatile.Write(ref _dormant, false);
            Volatile.Read(ref _wake).TrySetResult();
        }
    }

    public bool TryEnqueue(ChatEvent chatEvent)
    {
        if (Volatile.Read(ref _dormant))
        {
            return true;
        }

        if (_queue.Writer.TryWrite(chatEvent))
        {
            return true;
        }

        if (Volatile.Read(ref _mirror))
        {
            // The subscribing connection has the event; the mirror just misses it.
            return true;
        }

        if (_stop.IsCancellationRequested || _queue.Reader.Completion.IsCompleted)
        {
            return false;
        }

        // Giving up means leaving the hub, which must not happen inside the hub's broadcast that called us:
        // the loop does it on its way out.
        if (Interlocked.Exchange(ref _slow, 1) == 0)
        {
            LogSlowSubscriber(_key, _options.OutboxCapacity);
            Stop();
        }

        return false;
    }

    /// <summary>No more events: deliver what is queued within <see cref="ServerOptions.ShutdownTimeout"/>, then stop.</summary>
    public void Complete()
    {
        _queue.Writer.TryComplete();
        try
        {
            _stop.CancelAfter(_options.ShutdownTimeout);
        }
        catch (ObjectDisposedException)
        {
            // Already stopped and disposed: nothing left to bound.
        }
    }

    /// <summary>Stops at once; queued events are dropped (unsubscribe ends delivery immediately).</summary>
    public void Stop()
    {
        _queue.Writer.TryComplete();
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already stopped and disposed.
        }
    }

    public void Dispose()
    {
        Stop();
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var cancellationToken = _stop.Token;
        if (_target is null)
        {
            await NeverDialAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        var reader = _queue.Reader;
        Socket? socket = null;
        var failures = 0;
        var delay = _options.SubscriberRedialInitialDelay;
        long? lastWrite = null;
        var lastBytes = ReadOnlyMemory<byte>.Empty;
        var resend = ReadOnlyMemory<byte>.Empty;

        // Taken from the queue and not written yet: a failed write keeps it for the next try.
        var carry = ReadOnlyMemory<byte>.Empty;
        try
        {
            while (!carry.IsEmpty || await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                // The gap comes before the check: a listener that reads one message and closes has had time to close.
                if (lastWrite is { } last && _time.GetElapsedTime(last) is var since && since < _options.UnframedWriteGap)
                {
                    await Task.Delay(_options.UnframedWriteGap - since, _time, cancellationToken).ConfigureAwait(false);
                }

                if (carry.IsEmpty)
                {
                    // One event per write while that keeps up (listeners that json.loads one recv() and close); once
                    // the oldest has waited a few gaps, everything queued goes out in one write, one line per event.
                    carry = TakeBatch(reader, batch: reader.TryPeek(out var oldest) && _time.GetUtcNow() - oldest.Time > _options.UnframedWriteGap * BatchAfterGaps);
                    if (carry.IsEmpty)
                    {
                        continue;
                    }
                }

                if (socket is not null && PeerState(socket) is var state && state != PeerStatus.Open)
                {
                    // A reset means the listener closed with our last write unread (or refused it after closing):
                    // send that one again, on its own, over the new connection.
                    LogPeerClosed(_key);
                    resend = state == PeerStatus.Reset ? lastBytes : ReadOnlyMemory<byte>.Empty;
                    socket.Dispose();
                    socket = null;
                }

                var resending = !resend.IsEmpty;
                var write = resending ? resend : carry;
                socket ??= await DialAsync(cancellationToken).ConfigureAwait(false);
                if (socket is not null && await TryWriteAsync(socket, write, cancellationToken).ConfigureAwait(false))
                {
                    lastWrite = _time.GetTimestamp();
                    lastBytes = write;
                    resend = ReadOnlyMemory<byte>.Empty;
                    if (!resending)
                    {
                        carry = ReadOnlyMemory<byte>.Empty;
                    }

                    failures = 0;
                    delay = _options.SubscriberRedialInitialDelay;
                    continue;
                }

                socket?.Dispose();
                socket = null;
                ++failures;

                // While the subscriber's own connection is open it gets every event there: an address that takes
                // no connection is not tried again until that connection closes (no dialling on a stranger's say).
                if (Volatile.Read(ref _mirror) || failures >= _options.SubscriberMaxFailures)
                {
                    if (Volatile.Read(ref _mirror))
                    {
                        LogMirrorDormant(_key, failures);
                        carry = ReadOnlyMemory<byte>.Empty;
                        await SleepUntilWokenAsync(cancellationToken).ConfigureAwait(false);
                        failures = 0;
                        delay = _options.SubscriberRedialInitialDelay;
                        continue;
                    }

                    LogGaveUp(_key, failures);
                    _giveUp("unreachable");
                    return;
                }

                LogRetrying(_key, failures, delay);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.SubscriberRedialMaxDelay.Ticks));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Unsubscribed, or the shutdown deadline passed.
        }
        finally
        {
            socket?.Dispose();
            LogStopped(_key);
        }

        if (Volatile.Read(ref _slow) == 1)
        {
            _giveUp("slow consumer");
        }
    }

    /// <summary>
    /// The next write: the next event's seed JSON line, or with <paramref name="batch"/> every queued event's line
    /// (each ends with a newline) up to <see cref="MaxBatchBytes"/> (a single larger event goes alone). One event
    /// is not copied.
    /// </summary>
    private static ReadOnlyMemory<byte> TakeBatch(ChannelReader<ChatEvent> reader, bool batch)
    {
        var first = ReadOnlyMemory<byte>.Empty;
        ArrayBufferWriter<byte>? buffer = null;
        while (reader.TryPeek(out var next))
        {
            var bytes = next.GetEncoded(JsonSeedEventEncoder.Instance);
            var size = buffer?.WrittenCount ?? first.Length;
            if (!bytes.IsEmpty && size > 0 && (!batch || size + bytes.Length > MaxBatchBytes))
            {
                break;
            }

            reader.TryRead(out _);
            if (bytes.IsEmpty)
            {
                continue;
            }

            if (first.IsEmpty)
            {
                first = bytes;
                continue;
            }

            if (buffer is null)
            {
                buffer = new ArrayBufferWriter<byte>(MaxBatchBytes);
                buffer.Write(first.Span);
            }

            buffer.Write(bytes.Span);
        }

        return buffer?.WrittenMemory ?? first;
    }

    /// <summary>Drops what is queued and waits until <see cref="SetMirror"/>(false) makes this the sole path.</summary>
    private async Task SleepUntilWokenAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _dormant, true);
        while (_queue.Reader.TryRead(out _))
        {
        }

        if (!Volatile.Read(ref _mirror))
        {
            Volatile.Write(ref _dormant, false);
            return;
        }

        await Volatile.Read(ref _wake).Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }

    /// <summary>No dial target: the subscription lives while its connection is bound, and ends when that goes.</summary>
    private async Task NeverDialAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SleepUntilWokenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        _giveUp("connection closed");
    }

    private async Task<Socket?> DialAsync(CancellationToken cancellationToken)
    {
        var target = _target!;

        // Checked again before every dial, whatever was true at subscribe time: never this server itself.
        if (_policy.IsOwnListener(target))
        {
            LogOwnListener(_key, target.ToString());
            return null;
        }

        using var slot = await _budget.AcquireAsync(cancellationToken).ConfigureAwait(false);
        LogDialling(_key);
        var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = new CancellationTokenSource(_options.SubscriberConnectTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await socket.ConnectAsync(target, linked.Token).ConfigureAwait(false);
            LogConnected(_key);
            return socket;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            LogDialFailed(_key, ex is SocketException s ? s.SocketErrorCode.ToString() : "timed out");
            return null;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task<bool> TryWriteAsync(Socket socket, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        try
        {
            while (!bytes.IsEmpty)
            {
                var sent = await socket.SendAsync(bytes, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                bytes = bytes[sent..];
            }

            return true;
        }
        catch (SocketException ex)
        {
            LogWriteFailed(_key, ex.SocketErrorCode.ToString());
            return false;
        }
    }

    /// <summary>
    /// Whether the peer has closed its end: the socket is readable with nothing to read (a completed zero-byte
    /// read). <see cref="PeerStatus.Reset"/> when a pending socket error says it also refused data we wrote
    /// after it stopped reading. Anything the peer did send is read and dropped: nothing is expected here.
    /// </summary>
    private static PeerStatus PeerState(Socket socket)
    {
        try
        {
            Span<byte> scratch = stackalloc byte[512];
            while (socket.Poll(0, SelectMode.SelectRead))
            {
                if (socket.Available == 0)
                {
                    return socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error) is int error && error != 0
                        ? PeerStatus.Reset
                        : PeerStatus.Closed;
                }

                socket.Receive(scratch);
            }

            return PeerStatus.Open;
        }
        catch (SocketException)
        {
            return PeerStatus.Reset;
        }
    }
}
