using System.Net;
using System.Threading.Channels;

using Microsoft.Extensions.Logging;

using Parley.Core.Events;
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
}
