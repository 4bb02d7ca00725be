using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;

using Parley.Core.Events;

namespace Parley.Server.Sessions;

/// <summary>
/// One connection's bounded queue of outgoing items and its single writer loop.
/// Contract (after Ergo's socket writer): enqueueing MUST NOT block and MUST NOT reorder; when the queue is
/// full the item is refused and the owner treats the peer as a slow consumer. The writer drains everything
/// queued into one flush (write coalescing), except for unframed clients, which need one write per message
/// and a gap between writes so that each message arrives as its own recv().
/// </summary>
public sealed class Outbox
{
    private readonly Channel<OutboundItem> _queue;
    private bool _writerDone;
    private bool _completed;

    public Outbox(int capacity)
    {
        Capacity = capacity;
        _queue = Channel.CreateBounded<OutboundItem>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public int Capacity { get; }

    /// <summary>Set once the writer loop has returned, for whatever reason.</summary>
    public bool IsWriterDone => Volatile.Read(ref _writerDone);

    /// <summary>Queues without waiting. <see cref="EnqueueResult.Full"/> means a slow consumer;
    /// <see cref="EnqueueResult.Closed"/> means the outbox was completed and the item is dropped.</summary>
    public EnqueueResult TryEnqueue(OutboundItem item)
    {
        if (_queue.Writer.TryWrite(item))
        {
            return EnqueueResult.Queued;
        }

        return Volatile.Read(ref _completed) ? EnqueueResult.Closed : EnqueueResult.Full;
    }

    /// <summary>No more items: the writer loop ends after sending what is queued.</summary>
    public void Complete()
    {
        Volatile.Write(ref _completed, true);
        _queue.Writer.TryComplete();
    }

    /// <summary>Writes queued items until <see cref="Complete"/> or cancellation. A zero
    /// <paramref name="gapBetweenMessages"/> coalesces; a positive one sends each item as its own flush.</summary>
    public async Task RunWriterAsync(
        PipeWriter output, IEventEncoder encoder, TimeSpan gapBetweenMessages, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(encoder);
        try
        {
            await DrainAsync(output, encoder, gapBetweenMessages, time, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _writerDone, true);
            Complete();
        }
    }

    private async Task DrainAsync(
        PipeWriter output, IEventEncoder encoder, TimeSpan gapBetweenMessages, TimeProvider time, CancellationToken cancellationToken)
    {
        var reader = _queue.Reader;
        var coalesce = gapBetweenMessages <= TimeSpan.Zero;
        long? lastWrite = null;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var pending = false;
            while (reader.TryRead(out var item))
            {
                var bytes = item.Event is { } chatEvent ? chatEvent.GetEncoded(encoder) : item.Bytes;
                if (bytes.IsEmpty)
                {
                    continue;
                }

                if (!coalesce && lastWrite is { } last && time.GetElapsedTime(last) is var since && since < gapBetweenMessages)
                {
                    await Task.Delay(gapBetweenMessages - since, time, cancellationToken).ConfigureAwait(false);
                }

                output.Write(bytes.Span);
                pending = true;
                if (!coalesce)
                {
                    var flushed = await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                    lastWrite = time.GetTimestamp();
                    if (flushed.IsCompleted || flushed.IsCanceled)
                    {
                        return;
                    }
                }
            }

            if (coalesce && pending)
            {
                var flushed = await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (flushed.IsCompleted || flushed.IsCanceled)
                {
                    return;
                }
            }
        }
    }
}
