using System.Diagnostics;
using System.Threading.Channels;

using Microsoft.Extensions.Logging;

namespace Parley.Core.History;

/// <summary>
/// The one writer of the history store, with group commit, and the ordered hand-off to delivery.
/// Contract: <see cref="Enqueue"/> never blocks (the hub calls it under a room's broadcast lock, in id order);
/// the write loop takes everything queued, waits at most <see cref="HistoryOptions.BatchWindow"/> for more
/// (spinning: a sub-millisecond deadline is below the timer's resolution) unless the batch is full, commits it in
/// one transaction, then passes it to the delivery loop, which delivers each message in enqueue order. The next
/// batch is written while the previous one is delivered. A message is delivered only after its batch committed.
/// <see cref="_pending"/> counts messages accepted and not yet delivered; senders wait in
/// <see cref="WaitForSpaceAsync"/> while it is at <see cref="HistoryOptions.MaxPending"/>.
/// Every message's <see cref="PendingMessage.HandedOver"/> is completed: true after its delivery was handed over (in a
/// cluster, after its commit: the backplane delivers it), false when it is refused, also when the loop faults.
/// </summary>
internal sealed partial class HistoryWriter : IAsyncDisposable
{
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1)];
    private readonly Channel<PendingMessage> _incoming = Channel.CreateUnbounded<PendingMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<PendingMessage[]> _committed = Channel.CreateUnbounded<PendingMessage[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly IHistoryStore _store;
    private readonly HistoryOptions _options;
    private readonly Action<PendingMessage> _deliver;
    private readonly Action<PendingMessage> _refuse;
    private readonly Func<ValueTask>? _deliveryGate;
    private readonly ILogger _logger;
    private readonly Lock _spaceLock = new();
    private TaskCompletionSource? _space;
    private int _pending;
    private Task _writing = Task.CompletedTask;
    private Task _delivering = Task.CompletedTask;

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
        _writing = Task.Run(WriteLoopAsync);
        _delivering = Task.Run(DeliverLoopAsync);
    }

    /// <summary>Queues a numbered message; false once the writer is stopping (the message is neither stored nor delivered).</summary>
    public bool Enqueue(PendingMessage message)
    {
        Interlocked.Increment(ref _pending);
        if (_incoming.Writer.TryWrite(message))
        {
            return true;
        }

        Interlocked.Decrement(ref _pending);
        return false;
    }

    /// <summary>Completes at once unless <see cref="HistoryOptions.MaxPending"/> messages are on their way; then when
    /// delivery has made room. Callers wait here before numbering a message, so the server slows its senders.</summary>
    public ValueTask WaitForSpaceAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _pending) < _options.MaxPending ? default : new ValueTask(WaitSlowAsync(cancellationToken));

    public async ValueTask DisposeAsync()
    {
        _incoming.Writer.TryComplete();
        await _writing.ConfigureAwait(false);
        await _delivering.ConfigureAwait(false);
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

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingMessage>(_options.MaxBatch);
        var entries = new List<HistoryEntry>(_options.MaxBatch);
        var reader = _incoming.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                Fill(reader, batch);
                entries.Clear();
                foreach (var message in batch)
                {
                    entries.Add(message.Entry);
                }

                if (await CommitAsync(entries).ConfigureAwait(false))
                {
                    _committed.Writer.TryWrite([.. batch]);
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
            _incoming.Writer.TryComplete();
            foreach (var message in batch)
            {
                Refuse(message);
            }

            while (reader.TryRead(out var message))
            {
                Refuse(message);
            }
        }
        finally
        {
            _committed.Writer.TryComplete();
        }
    }

    private void Fill(ChannelReader<PendingMessage> reader, List<PendingMessage> batch)
    {
        var max = _options.MaxBatch;
        while (batch.Count < max && reader.TryRead(out var message))
        {
            batch.Add(message);
        }

        if (batch.Count >= max || _options.BatchWindow <= TimeSpan.Zero)
        {
            return;
        }

        var deadline = Stopwatch.GetTimestamp() + (long)(_options.BatchWindow.TotalSeconds * Stopwatch.Frequency);
        var spin = default(SpinWait);
        while (batch.Count < max && Stopwatch.GetTimestamp() < deadline)
        {
            if (reader.TryRead(out var message))
            {
                batch.Add(message);
            }
            else
            {
                spin.SpinOnce(sleep1Threshold: -1);
            }
        }
    }

    private async Task<bool> CommitAsync(List<HistoryEntry> entries)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await _store.AppendAsync(entries, CancellationToken.None).ConfigureAwait(false);
                return true;
            }
            catch (Exception ex) when (attempt < RetryDelays.Length)
            {
                LogCommitRetry(_logger, entries.Count, attempt + 1, ex.Message);
                await Task.Delay(RetryDelays[attempt]).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LogCommitFailed(_logger, entries.Count, ex);
                return false;
            }
        }
    }

    private async Task DeliverLoopAsync()
    {
        await foreach (var batch in _committed.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            foreach (var message in batch)
            {
                try
                {
                    // While recipients' transports are behind, delivery waits; the queue fills and then the senders
                    // wait (WaitForSpaceAsync): the server slows its senders instead of overflowing its readers.
                    if (_deliveryGate is { } gate)
                    {
                        await gate().ConfigureAwait(false);
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
