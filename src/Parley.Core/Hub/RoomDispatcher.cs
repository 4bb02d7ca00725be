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
/// With a <see cref="HubOptions.FanOutInterval"/>, a member that was delivered to less than that interval ago waits
/// for the room's timer, which then delivers everything queued meanwhile at once: under load each member gets one
/// write for several events; a quiet room still delivers at once. Only chat messages wait
/// (<see cref="RoomDelivery.MayWait"/>): any other event (a join, a kick, a topic...) is delivered at once to everyone
/// with everything queued before it, so that a client always sees the room event its own command caused before the
/// server's reply to that command. A large busy room is delivered in phases (<see cref="HubOptions.FanOutPhases"/>,
/// RoomDispatcher.Phases.cs): each member belongs to one phase, each phase still gets one delivery per interval, and
/// the phases take turns spread over the interval, so a message waits for its member's next turn rather than for a
/// round over the whole room. Events stay in <see cref="_taken"/> until every phase has had them.
/// Ownership: <see cref="_lock"/> guards <see cref="_pending"/>, <see cref="_dispatching"/>, <see cref="_waiting"/>,
/// <see cref="_urgent"/>, <see cref="_queuedTotal"/>, <see cref="_doneTotal"/> and <see cref="_overBound"/>; <see cref="_taken"/>,
/// <see cref="_scratch"/>, the phase cursors and starts (<see cref="_sent"/>, <see cref="_phaseStart"/>,
/// <see cref="_lastTick"/>, <see cref="_wakeAt"/>, <see cref="_catchingUp"/>) and <see cref="_timer"/> belong to the one
/// dispatcher.
/// </summary>
public sealed partial class RoomDispatcher
{
    /// <summary>Most events handed to one recipient in one call: bounds one write (a batch is delivered in chunks).</summary>
    internal const int MaxBatch = 64;

    /// <summary>Longest <see cref="DeliverWaiting"/> waits for another thread's delivery (deliveries never block, so
    /// this is only a bound).</summary>
    private static readonly TimeSpan DeliverWaitingBound = TimeSpan.FromSeconds(1);

    private const int KeptCapacity = 256;

    private readonly Lock _lock = new();
    private readonly Room _room;
    private readonly int _limit;
    private readonly DispatchBacklog? _backlog;
    private readonly List<RoomDelivery> _pending = [];
    private readonly List<RoomDelivery> _taken = [];
    private readonly ChatEvent[] _scratch = new ChatEvent[MaxBatch];
    private bool _dispatching;

    // What the dispatcher waits for, if anything: its timer's turn, or a poster's turn handed to the pacer
    // (DrainOnPacer), which runs as that poster's would have.
    private WaitingTurn _waiting;
    private bool _urgent;
    private bool _overBound;

    // Events ever queued and ever delivered to every phase (both under _lock; DeliverWaiting also reads the second
    // without it). Their difference is what is queued or in delivery.
    private long _queuedTotal;
    private long _doneTotal;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly Action<string, Exception>? _onFault;
    private ITimer? _timer;

    internal RoomDispatcher(Room room, int limit, DispatchBacklog? backlog, TimeSpan interval, TimeProvider time,
        Action<string, Exception>? onFault, int phases = 1)
    {
        _room = room;
        _limit = Math.Max(1, limit);
        _backlog = backlog;
        _interval = interval;
        _time = time;
        _onFault = onFault;
        _phases = interval > TimeSpan.Zero ? Math.Clamp(phases, 1, MaxPhases) : 1;
        _intervalTicks = (long)(interval.TotalSeconds * time.TimestampFrequency);
        _spacingTicks = _intervalTicks / _phases;
        _sent = new int[_phases];
        _phaseStart = new long[_phases];
    }

    /// <summary>Events queued or being delivered (for tests and diagnostics).</summary>
    public int InFlight
    {
        get
        {
            lock (_lock)
            {
                return (int)(_queuedTotal - _doneTotal);
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
        if (++_queuedTotal - _doneTotal > _limit && !_overBound && _backlog is not null)
        {
            _overBound = true;
            _backlog.Enter();
        }

        if (!delivery.MayWait)
        {
            _urgent = true;
            if (_waiting != WaitingTurn.None)
            {
                // The dispatcher is only waiting for its timer: this poster takes over and delivers now.
                _waiting = WaitingTurn.None;
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

    /// <summary>Delivers everything queued so far now, to every phase (as an event that may not wait would), and
    /// returns once it is delivered: a client's <c>PING</c> is answered after the room events that happened before
    /// it. When another thread is delivering, waits for it (at most <see cref="DeliverWaitingBound"/>).</summary>
    internal void DeliverWaiting()
    {
        long target;
        bool running;
        lock (_lock)
        {
            target = _queuedTotal;
            if (_doneTotal >= target)
            {
                return;
            }

            _urgent = true;

            // A dispatcher that is delivering now takes everything queued, at once, before it stops.
            running = _waiting == WaitingTurn.None;
            _waiting = WaitingTurn.None;
        }

        if (!running)
        {
            Drain();
            return;
        }

        SpinWait.SpinUntil(() => Volatile.Read(ref _doneTotal) >= target, DeliverWaitingBound);
    }

    /// <summary>Delivers until the queue is empty. Only the thread that <see cref="EnqueueLocked"/> made the
    /// dispatcher calls it, or the room's timer (<paramref name="onTimer"/>) when the dispatcher waited for it.</summary>
    internal void Drain(bool onTimer = false)
    {
        var due = 0;
        var arrived = !onTimer;
        _catchingUp = onTimer && _phases > 1 && _time.GetTimestamp() - _wakeAt >= _spacingTicks;
        try
        {
            while (true)
            {
                int end;
                lock (_lock)
                {
                    CompactLocked();
                    if (_pending.Count > 0)
                    {
                        _taken.AddRange(_pending);
                        _pending.Clear();
                    }

                    if (_taken.Count == 0)
                    {
                        _dispatching = false;
                        if (_taken.Capacity > KeptCapacity)
                        {
                            _taken.Capacity = 0;
                            _pending.Capacity = 0;
                        }

                        return;
                    }

                    due = DuePhasesLocked(arrived);
                    arrived = false;
                    if (due == 0)
                    {
                        // Still the dispatcher: the timer resumes in this role.
                        return;
                    }

                    _urgent = false;
                    end = _taken.Count;
                }

                DeliverBatch(due, end);
                due = 0;
            }
        }
        catch
        {
            // A sink broke its contract and threw: the phases being delivered are done with what they had, and the
            // room goes back, so the next poster dispatches what is left.
            lock (_lock)
            {
                MarkSent(due, _taken.Count);
                CompactLocked();
                _dispatching = false;
            }

            throw;
        }
    }

    /// <summary>As <see cref="Drain"/>, for a caller that <see cref="EnqueueLocked"/> made the dispatcher but that must
    /// not spend its time on sends (the history writer: its next commit would wait behind them, and every message
    /// after it; the cluster backplane: so would the notifications after it): the <see cref="FanOutPacer"/> runs the
    /// turn at once, as this poster would have. Under a test clock the caller delivers itself.</summary>
    internal void DrainOnPacer()
    {
        if (_time != TimeProvider.System)
        {
            Drain();
            return;
        }

        lock (_lock)
        {
            WaitLocked(TimeSpan.Zero, WaitingTurn.Poster);
        }
    }

    /// <summary>The room's timer or the <see cref="FanOutPacer"/>: the dispatcher waited for its next turn.</summary>
    internal void RunWaitingTurn()
    {
        WaitingTurn turn;
        lock (_lock)
        {
            turn = _waiting;
            if (turn == WaitingTurn.None)
            {
                // A poster took over (or a stale firing): nothing is waiting for this turn.
                return;
            }

            _waiting = WaitingTurn.None;
        }

        try
        {
            Drain(onTimer: turn == WaitingTurn.Timed);
        }
        catch (Exception ex)
        {
            // Drain gave the room back; nobody awaits a turn, so report here.
            _onFault?.Invoke(_room.Name, ex);
        }
    }

    /// <summary>Drops the events every phase has had (the head of <see cref="_taken"/>), and lets the hub read its
    /// senders again when the queue is down to half the bound.</summary>
    private void CompactLocked()
    {
        var done = int.MaxValue;
        foreach (var sent in _sent)
        {
            done = Math.Min(done, sent);
        }

        if (done == 0)
        {
            return;
        }

        _taken.RemoveRange(0, done);
        for (var phase = 0; phase < _sent.Length; phase++)
        {
            _sent[phase] -= done;
        }

        Volatile.Write(ref _doneTotal, _doneTotal + done);
        if (_overBound && _queuedTotal - _doneTotal <= _limit / 2)
        {
            _overBound = false;
            _backlog!.Exit();
        }
    }
}
