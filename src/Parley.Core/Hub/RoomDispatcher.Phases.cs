namespace Parley.Core.Hub;

/// <summary>
/// When the room's members are due (the fan-out interval and its phases). A quiet room, or an event that may not
/// wait, goes out to everyone at once. Otherwise each member waits until an interval after its phase's last
/// delivery. In a room of at least <see cref="PhasedRoomMembers"/> members with several phases, the phases take
/// turns at least interval ÷ phases apart, so that each turn sends to a fraction of the room: a message waits for
/// its member's next turn (at most an interval) instead of an interval plus a round of sends over the whole room,
/// while every member still gets one write per interval. Turns start in step after a quiet spell and spread out
/// under load by that spacing; phases whose turns were held up past a spacing catch up at once (<see cref="CatchUp"/>).
/// A smaller room is one phase whatever the setting: a turn there is cheap, and more turns would only add timer
/// wake-ups.
/// </summary>
public sealed partial class RoomDispatcher
{
    /// <summary>Most phases a room is delivered in (<see cref="HubOptions.FanOutPhases"/> is clamped to it).</summary>
    internal const int MaxPhases = 8;

    /// <summary>Members a room needs before its phases take turns.</summary>
    internal const int PhasedRoomMembers = 64;

    private readonly int _phases;

    // The interval and the spacing between phases' turns (interval ÷ phases) in the time provider's timestamp units.
    private readonly long _intervalTicks;
    private readonly long _spacingTicks;

    // Per phase: how many events of _taken it has had, and when its last delivery started.
    private readonly int[] _sent;
    private readonly long[] _phaseStart;

    // When the last delivery to any phase started (0: never).
    private long _lastTick;

    // When the dispatcher asked to be woken for its next turn, and whether the turn running now came a spacing or more
    // after that (CatchUp).
    private long _wakeAt;
    private bool _catchingUp;

    private int AllPhases => (1 << _phases) - 1;

    private int PhaseOf(Member member) => _phases == 1 ? 0 : (int)((uint)member.FanOutKey % (uint)_phases);

    /// <summary>The phases to deliver to now, their starts recorded; or 0 with the timer armed for the next turn
    /// (the caller stays the dispatcher). Some phase has events it has not had. <paramref name="arrived"/>: a poster
    /// found the room idle (no dispatcher, no timer), so a room quiet for an interval delivers to everyone at once.</summary>
    private int DuePhasesLocked(bool arrived)
    {
        var waiting = 0;
        for (var phase = 0; phase < _phases; phase++)
        {
            if (_sent[phase] < _taken.Count)
            {
                waiting |= 1 << phase;
            }
        }

        var now = _time.GetTimestamp();
        var sinceTick = _lastTick == 0 ? TimeSpan.MaxValue : _time.GetElapsedTime(_lastTick, now);
        if (_interval <= TimeSpan.Zero || _urgent || (arrived && sinceTick >= _interval))
        {
            return Start(waiting, now);
        }

        if (_phases == 1 || _room.Snapshot.Count < PhasedRoomMembers)
        {
            // One turn for everyone an interval after the last one (phases that got ahead wait with the others).
            return sinceTick >= _interval ? Start(waiting, now) : WaitLocked(_interval - sinceTick);
        }

        // The phase that waited longest goes next, when its interval is over and the spacing since the last turn too.
        var next = -1;
        for (var phase = 0; phase < _phases; phase++)
        {
            if ((waiting & (1 << phase)) != 0 && (next < 0 || _phaseStart[phase] < _phaseStart[next]))
            {
                next = phase;
            }
        }

        // When this phase is due by the rules (its interval since its last turn, the spacing since the last turn).
        var due = Math.Max(_phaseStart[next] + _intervalTicks, _lastTick == 0 ? 0 : _lastTick + _spacingTicks);
        if (_catchingUp && now - due >= _spacingTicks)
        {
            return CatchUp(next, due, now);
        }

        return now >= due ? Start(1 << next, now) : WaitLocked(_time.GetElapsedTime(now, due));
    }

    /// <summary>In a turn that came a spacing or more after the room asked for it (<see cref="_catchingUp"/>: the host
    /// stalled the process, or other rooms' turns held the pacer up), a phase whose turn is a spacing or more past
    /// due goes at once, and its turn counts from when it was due (at most an interval back), for its own interval and
    /// for the spacing of the next phase's turn: so the phases behind it that are late too catch up at once instead of
    /// each waiting one more spacing after the previous one, and the phases keep their places in the rotation, spread
    /// out as before.</summary>
    private int CatchUp(int phase, long due, long now)
    {
        var start = Math.Max(due, now - _intervalTicks);
        _phaseStart[phase] = start;
        _lastTick = start;
        return 1 << phase;
    }

    private int Start(int phases, long now)
    {
        for (var phase = 0; phase < _phases; phase++)
        {
            if ((phases & (1 << phase)) != 0)
            {
                _phaseStart[phase] = now;
            }
        }

        _lastTick = now;
        return phases;
    }

    private int WaitLocked(TimeSpan left, WaitingTurn turn = WaitingTurn.Timed)
    {
        _waiting = turn;
        _wakeAt = _time.GetTimestamp() + (long)(left.TotalSeconds * _time.TimestampFrequency);
        if (_time == TimeProvider.System)
        {
            FanOutPacer.Shared.Schedule(this, left);
            return 0;
        }

        _timer ??= _time.CreateTimer(static state => ((RoomDispatcher)state!).RunWaitingTurn(), this,
            Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(left, Timeout.InfiniteTimeSpan);
        return 0;
    }

    /// <summary>The phases in <paramref name="phases"/> have had the queue up to <paramref name="end"/>.</summary>
    private void MarkSent(int phases, int end)
    {
        for (var phase = 0; phase < _phases; phase++)
        {
            if ((phases & (1 << phase)) != 0)
            {
                _sent[phase] = end;
            }
        }
    }

    /// <summary>What a dispatcher that is not delivering waits for.</summary>
    private enum WaitingTurn
    {
        /// <summary>Nothing: it is delivering, or there is no dispatcher.</summary>
        None,

        /// <summary>The next turn of its phases, on its timer or the pacer.</summary>
        Timed,

        /// <summary>A poster's turn handed to the pacer (<see cref="DrainOnPacer"/>): it runs as that poster's would.</summary>
        Poster,
    }
}
