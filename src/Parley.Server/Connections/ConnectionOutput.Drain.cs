using System.Buffers;
using System.IO.Pipelines;

namespace Parley.Server.Connections;

/// <summary>Flushing: the fast-path flush, and the drain task that writes what queued while a flush (or a write gap) was in flight.</summary>
public sealed partial class ConnectionOutput
{
    private TimeSpan GapLeftLocked() =>
        _gap <= TimeSpan.Zero || _lastWrite == 0 ? TimeSpan.Zero : _gap - _time.GetElapsedTime(_lastWrite);

    private void WriteLocked(ReadOnlyMemory<byte> message)
    {
        try
        {
            WriteMessageLocked(message);
        }
        catch (InvalidOperationException)
        {
            // The transport completed the output (the connection is gone).
            CloseLocked();
        }
    }

    private void WriteSeparatorLocked()
    {
        try
        {
            _output.Write(_separator);
        }
        catch (InvalidOperationException)
        {
            CloseLocked();
        }
    }

    // One message as the transport wants it: as is, or framed by the transport (a WebSocket's frame header).
    private void WriteMessageLocked(ReadOnlyMemory<byte> message)
    {
        if (_framing is null)
        {
            _output.Write(message.Span);
        }
        else
        {
            _framing.Write(_output, message);
        }
    }

    private void FlushLocked()
    {
        if (_state == OutputState.Closed)
        {
            return;
        }

        if (_gap > TimeSpan.Zero)
        {
            _lastWrite = _time.GetTimestamp();
        }

        ValueTask<FlushResult> flush;
        try
        {
            flush = _output.FlushAsync();
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException)
        {
            CloseLocked();
            return;
        }

        if (flush.IsCompletedSuccessfully)
        {
            var result = flush.Result;
            if (result.IsCompleted || result.IsCanceled)
            {
                CloseLocked();
            }

            return;
        }

        _busy = true;
        _pendingSince = _time.GetTimestamp();
        _ = DrainAsync(flush, hasPending: true, TimeSpan.Zero);
    }

    /// <summary>
    /// The drain: waits for the flush (or gap) in flight, then writes everything queued as one flush, until the
    /// queue is empty. Runs only while <see cref="_busy"/>; catches everything, so it cannot fault unobserved.
    /// </summary>
    private async Task DrainAsync(ValueTask<FlushResult> pending, bool hasPending, TimeSpan delay)
    {
        try
        {
            if (hasPending && pending.IsCompleted)
            {
                // Completed since FlushLocked looked: do not continue inside the caller's lock.
                await Task.Yield();
            }

            while (true)
            {
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, _time).ConfigureAwait(false);
                    delay = TimeSpan.Zero;
                }

                if (hasPending)
                {
                    var result = await pending.ConfigureAwait(false);
                    if (result.IsCompleted || result.IsCanceled)
                    {
                        lock (_lock)
                        {
                            CloseLocked();
                        }

                        return;
                    }
                }

                lock (_lock)
                {
                    if (hasPending)
                    {
                        _lastProgress = _time.GetTimestamp();
                        _pendingSince = 0;
                        _stalled = false;
                        hasPending = false;
                    }

                    if (_state == OutputState.Closed || _head == _tail)
                    {
                        _busy = false;
                        ExitPressureLocked();
                        SignalDrainedLocked();
                        return;
                    }

                    delay = GapLeftLocked();
                    if (delay > TimeSpan.Zero)
                    {
                        continue;
                    }

                    WriteQueueLocked();
                    if (_gap > TimeSpan.Zero)
                    {
                        _lastWrite = _time.GetTimestamp();
                    }

                    pending = _output.FlushAsync();
                    if (pending.IsCompletedSuccessfully)
                    {
                        var result = pending.Result;
                        if (result.IsCompleted || result.IsCanceled)
                        {
                            CloseLocked();
                            return;
                        }

                        // Flushed at once: loop to see whether more queued meanwhile (the gap is checked there).
                        _lastProgress = _time.GetTimestamp();
                        continue;
                    }

                    hasPending = true;
                    _pendingSince = _time.GetTimestamp();
                }
            }
        }
        catch (Exception)
        {
            // The transport failed under us (reset, aborted): the connection is over and its read side notices.
            lock (_lock)
            {
                CloseLocked();
            }
        }
    }
}
