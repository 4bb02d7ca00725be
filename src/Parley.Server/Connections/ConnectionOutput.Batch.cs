using Parley.Core.Events;

namespace Parley.Server.Connections;

/// <summary>Several events at once (a room dispatcher's batch): one write and one flush when the output is idle.</summary>
public sealed partial class ConnectionOutput
{
    /// <summary>
    /// Sends <paramref name="chatEvents"/> in order, each encoded by <paramref name="encoder"/> (cached on the
    /// event). When nothing is in flight they are copied into the transport's output together and flushed once
    /// (one send system call for the batch); otherwise each is queued as <see cref="TrySend"/> would. Same contract
    /// as <see cref="TrySend"/>: never blocks, never reorders, no allocation once the events are encoded.
    /// </summary>
    public SendResult TrySendMany(ReadOnlySpan<ChatEvent> chatEvents, IEventEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        lock (_lock)
        {
            if (_state != OutputState.Open)
            {
                return SendResult.Closed;
            }

            var next = 0;
            if (!_busy && GapLeftLocked() <= TimeSpan.Zero)
            {
                next = WriteBatchLocked(chatEvents, encoder);
            }

            // What did not fit in this write (an unframed client's batch size) or could not go now (a flush in
            // flight, a write gap running) is queued, as TrySend would.
            var result = SendResult.Sent;
            for (; next < chatEvents.Length; next++)
            {
                var bytes = chatEvents[next].GetEncoded(encoder);
                if (bytes.IsEmpty)
                {
                    continue;
                }

                result = QueueLocked(bytes);
                if (result == SendResult.Overflow)
                {
                    return result;
                }
            }

            return result;
        }
    }

    /// <summary>Copies events into the transport output and flushes once; returns the index of the first event not
    /// written. A client with a write gap (unframed: it reads one message per recv) gets the batch as one write
    /// with the separator between messages, at most <see cref="_maxBatchBytes"/>, as the queue's drain does.</summary>
    private int WriteBatchLocked(ReadOnlySpan<ChatEvent> chatEvents, IEventEncoder encoder)
    {
        var written = 0;
        var batched = 0;
        var next = 0;
        for (; next < chatEvents.Length; next++)
        {
            var bytes = chatEvents[next].GetEncoded(encoder);
            if (bytes.IsEmpty)
            {
                continue;
            }

            if (_gap > TimeSpan.Zero && written > 0)
            {
                if (batched + _separator.Length + bytes.Length > _maxBatchBytes)
                {
                    break;
                }

                WriteSeparatorLocked();
                batched += _separator.Length;
            }

            WriteLocked(bytes);
            batched += bytes.Length;
            written++;
        }

        if (written > 0)
        {
            FlushLocked();
        }

        return next;
    }
}
