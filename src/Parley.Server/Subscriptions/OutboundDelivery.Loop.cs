using System.Buffers;
using System.Net.Sockets;
using System.Threading.Channels;

using Parley.Core.Events;
using Parley.Protocols.Json;

namespace Parley.Server.Subscriptions;

/// <summary>The delivery loop: one write at a time (batched once events wait), redial and back-off, dormancy as a mirror.</summary>
public sealed partial class OutboundDelivery
{
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
}
