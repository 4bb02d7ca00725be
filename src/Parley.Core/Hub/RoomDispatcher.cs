using Parley.Core.Events;

namespace Parley.Core.Hub;

/// <summary>
/// A room's fan-out, as a combining dispatcher: posting only queues (a short lock to number the event and append
/// it with its recipients); if no thread is dispatching the room, the poster becomes its dispatcher and delivers
/// the queue in batches outside the lock, else it returns at once and the running dispatcher picks its event up.
/// One dispatcher per room at a time keeps the room's order; nobody ever waits for another thread's sends.
/// A dispatcher that takes k events gives each recipient its share as one <see cref="IMemberSink.TryDeliverMany"/>
/// call (one write and one flush per connection per batch).
/// The queue is bounded by <see cref="HubOptions.RoomQueueLength"/> without dropping anything: over the bound the
/// room holds the hub's <see cref="DispatchBacklog"/> up, and read loops stop reading their senders until the
/// dispatcher has worked it down to half.
/// With a <see cref="HubOptions.FanOutInterval"/>, a dispatcher that started a delivery less than that interval ago
/// leaves the room's timer to deliver what queued meanwhile, all at once: under load each member gets one write for
/// several events; a quiet room still delivers at once. Only chat messages wait (<see cref="RoomDelivery.MayWait"/>):
/// any other event (a join, a kick, a topic...) is delivered at once with everything queued before it, so that a
/// client always sees the room event its own command caused before the server's reply to that command.
/// Ownership: <see cref="_lock"/> guards <see cref="_pending"/>, <see cref="_dispatching"/>, <see cref="_waiting"/>,
/// <see cref="_urgent"/>, <see cref="_inFlight"/> and <see cref="_overBound"/>; <see cref="_taken"/>, <see cref="_scratch"/>, <see cref="_lastStart"/> and
/// <see cref="_timer"/> belong to the one dispatcher.
/// </summary>
public sealed partial class RoomDispatcher
{
    /// <summary>Most events handed to one recipient in one call: bounds one write (a batch is delivered in chunks).</summary>
    internal const int MaxBatch = 64;

    private const int KeptCapacity = 256;

    private readonly Lock _lock = new();
    private readonly Room _room;
    private readonly int _limit;
    private readonly DispatchBacklog? _backlog;
    private List<RoomDelivery> _pending = [];
    private List<RoomDelivery> _taken = [];
    private readonly ChatEvent[] _scratch = new ChatEvent[MaxBatch];
    private bool _dispatching;
    private bool _waiting;
    private bool _urgent;
    private int _inFlight;
    private bool _overBound;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly Action<string, Exception>? _onFault;
    private long _lastStart;
    private ITimer? _timer;

    internal RoomDispatcher(Room room, int limit, DispatchBacklog? backlog, TimeSpan interval, TimeProvider time,
        Action<string, Exception>? onFault)
    {
        _room = room;
        _limit = Math.Max(1, limit);
        _backlog = backlog;
        _interval = interval;
        _time = time;
        _onFault = onFault;
    }

    /// <summary>Events queued or being delivered (for tests and diagnostics).</summary>
    public int InFlight
    {
        get
        {
            lock (_lock)
            {
                return _inFlight;
            }
        }
    }

    /// <summary>The lock under which the hub numbers an event and queues it (<see cref="EnqueueLocked"/>), so that
    /// the room's order is the order of its message ids.</summary>
    internal Lock Gate => _lock;

    /// <summary>
    /// The entry point for events that are already numbered (e.g. by a history store after its commit): delivers
    /// <paramref name="chatEvent"/> to the room's current members, except <paramref name="except"/>, after every event
    /// published to this room before it and before every event published after it. Never blocks on other
    /// threads' sends; may deliver (on this thread) events that others queued meanwhile.
    /// </summary>
    public void Publish(ChatEvent chatEvent, Member? except = null)
    {
        ArgumentNullException.ThrowIfNull(chatEvent);
        bool dispatch;
        lock (_lock)
        {
            dispatch = EnqueueLocked(chatEvent, except, null);
        }

        if (dispatch)
        {
            Drain();
        }
    }

    /// <summary>Queues with the room's members of this moment as recipients. True when the caller must now call
    /// <see cref="Drain"/> (after releasing <see cref="Gate"/>): nobody else is dispatching.</summary>
    internal bool EnqueueLocked(ChatEvent chatEvent, Member? except, RecipientFilter? filter)
    {
        var delivery = new RoomDelivery(chatEvent, _room.Snapshot, except, filter);
        _pending.Add(delivery);
        if (++_inFlight > _limit && !_overBound && _backlog is not null)
        {
            _overBound = true;
            _backlog.Enter();
        }

        if (!delivery.MayWait)
        {
            _urgent = true;
            if (_waiting)
            {
                // The dispatcher is only waiting for its timer: this poster takes over and delivers now.
                _waiting = false;
                return true;
            }
        }

        if (_dispatching)
        {
            return false;
        }

        _dispatching = true;
        return true;
    }

    /// <summary>
    /// Queues an event that <paramref name="causer"/>'s own command caused (its join), for everyone but the causer,
    /// after handing the causer its copy at once: the causer sees it before the server's reply to that command, and
    /// since the gate is held no later room event can reach the causer first. The others' copies are a chat-rate
    /// event that may wait for the interval (<see cref="RoomDelivery.MayWait"/>), so a join storm costs each member
    /// one write per interval instead of one per newcomer. Same contract as <see cref="EnqueueLocked"/>.
    /// </summary>
    internal bool EnqueueOwnFirstLocked(ChatEvent chatEvent, Member causer)
    {
        causer.Sink.TryDeliver(chatEvent);
        return EnqueueLocked(chatEvent, causer, null);
    }

    /// <summary>Delivers until the queue is empty. Only the thread that <see cref="EnqueueLocked"/> made the
    /// dispatcher calls it.</summary>
    internal void Drain()
    {
        try
        {
            while (true)
            {
                lock (_lock)
                {
                    DoneLocked();
                    if (_pending.Count == 0)
                    {
                        _dispatching = false;
                        if (_taken.Capacity > KeptCapacity)
                        {
                            _taken.Capacity = 0;
                            _pending.Capacity = 0;
                        }

                        return;
                    }

                    if (WaitForIntervalLocked())
                    {
                        // Still the dispatcher: the timer resumes in this role.
                        return;
                    }

                    (_pending, _taken) = (_taken, _pending);
                    _urgent = false;
                }

                DeliverBatch(_taken);
            }
        }
        catch
        {
            // A sink broke its contract and threw: give the room back, so the next poster dispatches what is left.
            lock (_lock)
            {
                DoneLocked();
                _dispatching = false;
            }

            throw;
        }
    }

    /// <summary>True when the last delivery started less than the interval ago: the timer is armed for the rest.</summary>
    private bool WaitForIntervalLocked()
    {
        if (_interval <= TimeSpan.Zero)
        {
            return false;
        }

        var now = _time.GetTimestamp();
        if (_lastStart != 0 && !_urgent)
        {
            var left = _interval - _time.GetElapsedTime(_lastStart, now);
            if (left > TimeSpan.Zero)
            {
                _timer ??= _time.CreateTimer(static state => ((RoomDispatcher)state!).DrainOnTimer(), this,
                    Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _timer.Change(left, Timeout.InfiniteTimeSpan);
                _waiting = true;
                return true;
            }
        }

        _lastStart = now;
        return false;
    }

    private void DrainOnTimer()
    {
        lock (_lock)
        {
            if (!_waiting)
            {
                // A poster took over (or a stale firing): nothing is waiting for this timer.
                return;
            }

            _waiting = false;
        }

        try
        {
            Drain();
        }
        catch (Exception ex)
        {
            // Drain gave the room back; nobody awaits a timer, so report here.
            _onFault?.Invoke(_room.Name, ex);
        }
    }

    private void DoneLocked()
    {
        if (_taken.Count == 0)
        {
            return;
        }

        _inFlight -= _taken.Count;
        _taken.Clear();
        if (_overBound && _inFlight <= _limit / 2)
        {
            _overBound = false;
            _backlog!.Exit();
        }
    }
}
