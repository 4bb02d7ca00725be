namespace Parley.Core.Hub;

/// <summary>
/// Runs rooms' waiting fan-out turns on one background thread when they are due, on the real clock. A room's turn
/// comes every interval ÷ phases under load (a few hundred per second per busy room), and a .NET timer per turn
/// costs a wake-up of the timer thread, a thread-pool hand-off and a worker wake-up each time; here a turn costs
/// the pacer's one timed wait, and the sends run on the pacer's thread. Rooms whose
/// <see cref="TimeProvider"/> is not the system's (tests) use their own timer instead.
/// Ownership: <see cref="_lock"/> guards <see cref="_due"/> and <see cref="_sleepingUntil"/>.
/// </summary>
internal sealed class FanOutPacer
{
    /// <summary>The process's pacer (one thread, started with the first turn that waits).</summary>
    public static FanOutPacer Shared { get; } = new();

    private readonly Lock _lock = new();
    private readonly PriorityQueue<RoomDispatcher, long> _due = new();
    // No spinning before the wait: the pacer shares the machine's cores with the turns it runs.
    private readonly ManualResetEventSlim _wake = new(initialState: false, spinCount: 0);
    private long _sleepingUntil = long.MaxValue;
    private Thread? _thread;

    /// <summary>Runs <paramref name="dispatcher"/>'s waiting turn once <paramref name="delay"/> has passed (or a little
    /// later: the wait's resolution is a millisecond). A turn that finds nothing due just waits again.</summary>
    public void Schedule(RoomDispatcher dispatcher, TimeSpan delay)
    {
        var due = TimeProvider.System.GetTimestamp() + (long)(delay.TotalSeconds * TimeProvider.System.TimestampFrequency);
        bool wake;
        lock (_lock)
        {
            _due.Enqueue(dispatcher, due);
            if (_thread is null)
            {
                _thread = new Thread(Run) { IsBackground = true, Name = "Parley fan-out pacer" };

                // Without the scheduling caller's ExecutionContext: the thread lives as long as the process, and
                // would otherwise carry that caller's Activity (a WebSocket request's trace, which every metric
                // update on this thread then looked up as an exemplar) and AsyncLocals into every turn it runs.
                _thread.UnsafeStart();
            }

            // Only a turn due before the pacer means to wake up needs to wake it.
            wake = due < _sleepingUntil;
            if (wake)
            {
                _sleepingUntil = due;
            }
        }

        if (wake)
        {
            _wake.Set();
        }
    }

    private void Run()
    {
        while (true)
        {
            RoomDispatcher? next = null;
            var wait = Timeout.InfiniteTimeSpan;
            lock (_lock)
            {
                // A turn scheduled from here on sets it again (Schedule compares with _sleepingUntil under this lock).
                _wake.Reset();
                var now = TimeProvider.System.GetTimestamp();
                if (_due.TryPeek(out var dispatcher, out var due))
                {
                    if (due <= now)
                    {
                        next = _due.Dequeue();
                    }
                    else
                    {
                        // Rounded up to the wait's millisecond, so that a turn never runs before it is due.
                        wait = TimeSpan.FromMilliseconds(Math.Ceiling(TimeProvider.System.GetElapsedTime(now, due).TotalMilliseconds));
                    }
                }

                _sleepingUntil = next is not null ? long.MinValue : _due.Count > 0 ? due : long.MaxValue;
            }

            if (next is not null)
            {
                next.RunWaitingTurn();
                continue;
            }

            _wake.Wait(wait);
        }
    }
}
