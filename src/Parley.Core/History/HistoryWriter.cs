using System.Diagnostics;

using Microsoft.Extensions.Logging;

namespace Parley.Core.History;

/// <summary>
/// The one writer of the history store, with group commit, and the ordered hand-off to delivery.
/// Contract: <see cref="Enqueue"/> never blocks (the hub calls it under a room's broadcast lock, in id order).
/// The writer is a thread of its own, because a commit is blocking work (SQLite's calls complete synchronously) and
/// on a thread-pool worker it would hold up the read loops and the senders' continuations queued behind it: it takes
/// everything queued (when <see cref="HistoryOptions.BatchWindow"/> is set, it waits that long for more, spinning: a
/// sub-millisecond deadline is below the timer's resolution) unless the batch is full, commits it in one transaction, then delivers
/// each of its messages in enqueue order (a hand-off to the room's dispatcher or the recipient's output, which does
/// not wait for sends), and takes the next batch: what arrived meanwhile. A message is delivered only after its batch
/// committed. <see cref="_pending"/> counts messages accepted and not yet delivered; senders wait in
/// <see cref="WaitForSpaceAsync"/> while it is at <see cref="HistoryOptions.MaxPending"/>.
/// Every message's <see cref="PendingMessage.HandedOver"/> is completed: true after its delivery was handed over (in a
/// cluster, after its commit: the backplane delivers it), false when it is refused, also when the writer faults.
/// Ownership: <see cref="_queueLock"/> guards <see cref="_incoming"/>, <see cref="_completed"/> and <see cref="_sleeping"/>.
/// </summary>
internal sealed partial class HistoryWriter : IAsyncDisposable
{
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1)];
    private readonly Lock _queueLock = new();
    private readonly Queue<PendingMessage> _incoming = new();

    // No spinning before the wait: the writer shares the machine's cores with the read loops that feed it.
    private readonly ManualResetEventSlim _arrived = new(initialState: false, spinCount: 0);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IHistoryStore _store;
    private readonly HistoryOptions _options;
    private readonly Action<PendingMessage> _deliver;
    private readonly Action<PendingMessage> _refuse;
    private readonly Func<ValueTask>? _deliveryGate;
    private readonly ILogger _logger;
    private readonly Lock _spaceLock = new();
    private TaskCompletionSource? _space;
    private int _pending;
    private bool _completed;
    private bool _sleeping;
    private bool _started;

    public HistoryWriter(
        IHistoryStore store, HistoryOptions options, Action<PendingMessage> deliver, Action<PendingMessage> refuse, Func<ValueTask>? deliveryGate, ILogger logger)
    {
        _deliveryGate = deliveryGate;
        _store = store;
        _options = options;
        _deliver = deliver;
        _refuse = refuse;
        _logger = logger;
    }

    public int Pending => Volatile.Read(ref _pending);

    public void Start()
    {
        _started = true;
        // Without the caller's ExecutionContext (see FanOutPacer): the writer serves every connection.
        new Thread(Run) { IsBackground = true, Name = "Parley history writer" }.UnsafeStart();
    }

    /// <summary>Queues a numbered message; false once the writer is stopping (the message is neither stored nor delivered).</summary>
    public bool Enqueue(PendingMessage message)
    {
        bool wake;
        lock (_queueLock)
        {
            if (_completed)
            {
                return false;
            }

            Interlocked.Increment(ref _pending);
            _incoming.Enqueue(message);
            wake = _sleeping;
            _sleeping = false;
        }

        if (wake)
        {
            _arrived.Set();
        }

        return true;
    }

    /// <summary>Completes at once unless <see cref="HistoryOptions.MaxPending"/> messages are on their way; then when
    /// delivery has made room. Callers wait here before numbering a message, so the server slows its senders.</summary>
    public ValueTask WaitForSpaceAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _pending) < _options.MaxPending ? default : new ValueTask(WaitSlowAsync(cancellationToken));

    /// <summary>Stores and delivers what is queued, then stops the writer.</summary>
    public async ValueTask DisposeAsync()
    {
        bool wake;
        lock (_queueLock)
        {
            _completed = true;
            wake = _sleeping;
            _sleeping = false;
        }

        if (wake)
        {
            _arrived.Set();
        }

        if (_started)
        {
            await _stopped.Task.ConfigureAwait(false);
        }
    }

    private async Task WaitSlowAsync(CancellationToken cancellationToken)
    {
        while (Volatile.Read(ref _pending) >= _options.MaxPending)
        {
            Task wait;
            lock (_spaceLock)
            {
                _space ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _space.Task;
            }

            if (Volatile.Read(ref _pending) < _options.MaxPending)
            {
                return;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void Run()
    {
        var batch = new List<PendingMessage>(_options.MaxBatch);
        var entries = new List<HistoryEntry>(_options.MaxBatch);
        try
        {
            while (TakeBatch(batch))
            {
                entries.Clear();
                foreach (var message in batch)
                {
                    entries.Add(message.Entry);
                }

                if (Commit(entries))
                {
                    Deliver(batch);
                }
                else
                {
                    foreach (var message in batch)
                    {
                        Refuse(message);
                    }
                }

                batch.Clear();
            }
        }
        catch (Exception ex)
        {
            LogWriterFault(_logger, ex);

            // Nothing more is stored: what this batch and the queue still hold is refused, so no sender waits forever.
            lock (_queueLock)
            {
                _completed = true;
                batch.AddRange(_incoming);
                _incoming.Clear();
            }

            foreach (var message in batch)
            {
                Refuse(message);
            }
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    /// <summary>Waits until something is queued and fills <paramref name="batch"/> (see the type's summary); false
    /// once the writer is stopping and the queue is empty.</summary>
    private bool TakeBatch(List<PendingMessage> batch)
    {
        while (true)
        {
            lock (_queueLock)
            {
                if (_incoming.Count > 0)
                {
                    TakeLocked(batch);
                    break;
                }

                if (_completed)
                {
                    return false;
                }

                // An Enqueue from here on sets the event again (it reads _sleeping under this lock).
                _sleeping = true;
                _arrived.Reset();
            }

            _arrived.Wait();
        }

        var max = _options.MaxBatch;
        if (batch.Count >= max || _options.BatchWindow <= TimeSpan.Zero)
        {
            return true;
        }

        var deadline = Stopwatch.GetTimestamp() + (long)(_options.BatchWindow.TotalSeconds * Stopwatch.Frequency);
        var spin = default(SpinWait);
        while (batch.Count < max && Stopwatch.GetTimestamp() < deadline)
        {
            int taken;
            lock (_queueLock)
            {
                taken = TakeLocked(batch);
            }

            if (taken == 0)
            {
                spin.SpinOnce(sleep1Threshold: -1);
            }
        }

        return true;
    }

    private int TakeLocked(List<PendingMessage> batch)
    {
        var taken = 0;
        while (batch.Count < _options.MaxBatch && _incoming.TryDequeue(out var message))
        {
            batch.Add(message);
            taken++;
        }

        return taken;
    }

    // Blocks this thread (a store whose calls are truly asynchronous, PostgreSQL's, completes them on the pool).
    private bool Commit(List<HistoryEntry> entries)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                _store.AppendAsync(entries, CancellationToken.None).GetAwaiter().GetResult();
                return true;
            }
            catch (Exception ex) when (attempt < RetryDelays.Length)
            {
                LogCommitRetry(_logger, entries.Count, attempt + 1, ex.Message);
                Thread.Sleep(RetryDelays[attempt]);
            }
            catch (Exception ex)
            {
                LogCommitFailed(_logger, entries.Count, ex);
                return false;
            }
        }
    }

    private void Deliver(List<PendingMessage> batch)
    {
        foreach (var message in batch)
        {
            try
            {
                // While recipients' transports are behind, delivery waits; the queue fills and then the senders
                // wait (WaitForSpaceAsync): the server slows its senders instead of overflowing its readers.
                if (_deliveryGate is { } gate)
                {
                    gate().AsTask().GetAwaiter().GetResult();
                }

                _deliver(message);
            }
            catch (Exception ex)
            {
                LogDeliveryFault(_logger, message.Entry.Id, ex);
            }

            // Stored either way: a fault in one recipient's delivery does not make the sender's message unsent.
            message.HandedOver?.TrySetResult(true);
            Release();
        }
    }

    private void Refuse(PendingMessage message)
    {
        try
        {
            _refuse(message);
        }
        catch (Exception ex)
        {
            LogDeliveryFault(_logger, message.Entry.Id, ex);
        }

        message.HandedOver?.TrySetResult(false);
        Release();
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref _pending) >= _options.MaxPending)
        {
            return;
        }

        TaskCompletionSource? space;
        lock (_spaceLock)
        {
            space = _space;
            _space = null;
        }

        space?.TrySetResult();
    }
}
