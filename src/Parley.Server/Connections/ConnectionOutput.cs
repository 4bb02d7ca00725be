using System.IO.Pipelines;

namespace Parley.Server.Connections;

/// <summary>
/// The send side of one connection: the single writer of its transport output.
/// Contract (after Ergo's socket writer and SignalR's HubConnectionContext): <see cref="TrySend"/> MUST NOT block,
/// MUST NOT reorder and MUST NOT allocate on the fast path. When nothing is in flight the caller (usually a
/// broadcast) copies the bytes straight into the transport's output and flushes; only while a flush (or, for
/// unframed clients, a write gap) is in flight are the bytes queued, and the drain writes everything queued in
/// one flush. The queue is created on first use, rented from the shared pool and returned when it empties, so
/// an idle connection holds none. Its size is bounded in bytes (<c>SendQueueBytes</c>): a peer whose kernel
/// will not take them is a slow consumer (<see cref="SendResult.Overflow"/>).
/// All state is owned by <see cref="_lock"/>, which is never held across an await.
/// </summary>
public sealed partial class ConnectionOutput
{
    private const int InitialQueueLength = 16;

    private readonly Lock _lock = new();
    private readonly PipeWriter _output;
    private readonly TimeProvider _time;
    private readonly long _limit;
    private readonly long _softMark;
    private readonly SendPressure? _pressure;
    private readonly IMessageFraming? _framing;
    private ReadOnlyMemory<byte>[]? _items;
    private int _head;
    private int _tail;
    private long _queuedBytes;
    private bool _busy;
    private OutputState _state;
    private long _pendingSince;
    private long _lastProgress;
    private long _lastWrite;
    private TimeSpan _gap;
    private byte[] _separator = [];
    private int _maxBatchBytes = int.MaxValue;
    private bool _congested;
    private bool _stalled;
    private TaskCompletionSource? _drained;

    /// <param name="framing">For transports that frame each message themselves (WebSocket); null writes the bytes as they are.</param>
    public ConnectionOutput(PipeWriter output, TimeProvider time, long sendQueueBytes, SendPressure? pressure = null, IMessageFraming? framing = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(sendQueueBytes, 1);
        _output = output;
        _time = time;
        _limit = sendQueueBytes;
        // Pressure on senders starts well before the hard limit, so a reader that keeps reading while the
        // server is busy never gets near it.
        _softMark = Math.Max(1, sendQueueBytes / 4);
        _pressure = pressure;
        _framing = framing;
    }

    private enum OutputState
    {
        Open,
        Completing,
        Closed,
    }

    /// <summary>Bytes queued behind the flush in flight (not counting what the transport already holds).</summary>
    public long QueuedBytes
    {
        get
        {
            lock (_lock)
            {
                return _queuedBytes;
            }
        }
    }

    /// <summary>Timestamp (<see cref="TimeProvider.GetTimestamp"/>) since which a flush has been waiting for the
    /// transport, or 0 when none is.</summary>
    public long PendingSince
    {
        get
        {
            lock (_lock)
            {
                return _pendingSince;
            }
        }
    }

    /// <summary>True while this output holds the server's <see cref="SendPressure"/> up.</summary>
    public bool IsCongested
    {
        get
        {
            lock (_lock)
            {
                return _congested;
            }
        }
    }

    public bool IsOpen
    {
        get
        {
            lock (_lock)
            {
                return _state == OutputState.Open;
            }
        }
    }

    /// <summary>
    /// For clients that read one message per recv() (unframed text, seed listeners): at least
    /// <paramref name="gap"/> between two writes. Messages that queue up meanwhile go out together in one write,
    /// <paramref name="separator"/> between them, at most <paramref name="maxBatchBytes"/> per write (a single
    /// message may be larger), so a client reading everything keeps up at any room rate it can read.
    /// </summary>
    public void UseWriteGap(TimeSpan gap, ReadOnlySpan<byte> separator, int maxBatchBytes)
    {
        lock (_lock)
        {
            _gap = gap;
            _separator = separator.ToArray();
            _maxBatchBytes = maxBatchBytes;
        }
    }

    public SendResult TrySend(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return SendResult.Sent;
        }

        lock (_lock)
        {
            if (_state != OutputState.Open)
            {
                return SendResult.Closed;
            }

            if (!_busy && GapLeftLocked() <= TimeSpan.Zero)
            {
                WriteLocked(bytes);
                FlushLocked();
                return SendResult.Sent;
            }

            return QueueLocked(bytes);
        }
    }

    private SendResult QueueLocked(ReadOnlyMemory<byte> bytes)
    {
        if (_queuedBytes + bytes.Length > _limit)
        {
            DropQueueLocked();
            _state = OutputState.Completing;
            return SendResult.Overflow;
        }

        EnqueueLocked(bytes);
        if (!_busy)
        {
            // Only a write gap can hold an idle output back: wait it out, then drain.
            _busy = true;
            _ = DrainAsync(default, hasPending: false, GapLeftLocked());
        }
        else if (!_congested && !_stalled && _pendingSince != 0 && _queuedBytes > _softMark && _pressure is not null)
        {
            _congested = true;
            _pressure.Enter();
        }

        return SendResult.Queued;
    }

    /// <summary>
    /// Last bytes before closing (a goodbye in the client's protocol): accepted even past the limit, after what is
    /// queued (or instead of it with <paramref name="dropQueued"/>: a slow consumer's backlog is dropped so that
    /// the reason reaches it as soon as it reads again). Nothing more is accepted after.
    /// </summary>
    public void SendFinal(ReadOnlyMemory<byte> bytes, bool dropQueued)
    {
        lock (_lock)
        {
            if (_state == OutputState.Closed)
            {
                return;
            }

            _state = OutputState.Completing;
            if (dropQueued)
            {
                DropQueueLocked();
            }

            if (bytes.IsEmpty)
            {
                return;
            }

            if (!_busy && _items is null)
            {
                // The gap does not apply: the connection closes right after, so nothing can follow too closely.
                WriteLocked(bytes);
                FlushLocked();
                return;
            }

            EnqueueLocked(bytes);
        }
    }

    /// <summary>No more sends are accepted; what is queued still goes out (see <see cref="WhenDrained"/>).</summary>
    public void Complete()
    {
        lock (_lock)
        {
            if (_state == OutputState.Open)
            {
                _state = OutputState.Completing;
            }
        }
    }

    /// <summary>Completes when nothing is queued or in flight (or the output is closed).</summary>
    public Task WhenDrained()
    {
        lock (_lock)
        {
            if (!_busy || _state == OutputState.Closed)
            {
                return Task.CompletedTask;
            }

            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _drained.Task;
        }
    }

    /// <summary>Closes for good: drops what is queued and completes the transport output.</summary>
    public void Close()
    {
        lock (_lock)
        {
            if (_state == OutputState.Closed)
            {
                return;
            }

            CloseLocked();
            try
            {
                _output.Complete();
            }
            catch (InvalidOperationException)
            {
                // The transport completed it already.
            }
        }
    }

    private void CloseLocked()
    {
        _state = OutputState.Closed;
        DropQueueLocked();
        _pendingSince = 0;
        SignalDrainedLocked();
    }

    private void SignalDrainedLocked()
    {
        _drained?.TrySetResult();
        _drained = null;
    }
}
