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

            if (!_busy && GapLeftLocked() <= TimeSpan.Zero)
            {
                var written = false;
                foreach (var chatEvent in chatEvents)
                {
                    var bytes = chatEvent.GetEncoded(encoder);
                    if (!bytes.IsEmpty)
                    {
                        WriteLocked(bytes.Span);
                        written = true;
                    }
                }

                if (written)
                {
                    FlushLocked();
                }

                return SendResult.Sent;
            }

            var result = SendResult.Sent;
            foreach (var chatEvent in chatEvents)
            {
                var bytes = chatEvent.GetEncoded(encoder);
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
}
