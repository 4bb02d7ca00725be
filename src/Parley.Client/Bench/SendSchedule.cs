namespace Parley.Client.Bench;

/// <summary>
/// A sender's catch-up schedule: message k is due at <c>first + k × interval</c>, fixed in advance, so time
/// lost to a late wake-up or a slow send is made up by sending the overdue messages at once rather than
/// drifting (a sleep between sends would lower the real rate). How late each message went out is its lag.
/// </summary>
public sealed class SendSchedule
{
    private readonly long _first;
    private readonly double _interval;
    private long _next;

    /// <param name="first">Timestamp the first message is due at.</param>
    /// <param name="interval">Timestamp units between two messages (Stopwatch.Frequency / rate).</param>
    public SendSchedule(long first, double interval)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(interval);
        _first = first;
        _interval = interval;
    }

    /// <summary>Messages taken so far.</summary>
    public long Taken => _next;

    /// <summary>When the next message is due.</summary>
    public long NextDue => _first + (long)(_next * _interval);

    /// <summary>Takes up to <paramref name="max"/> messages due at or before <paramref name="now"/>; returns how
    /// many, with the lag of the oldest of them (now minus its due time; 0 when none) and the lags' sum.</summary>
    public int TakeDue(long now, int max, out long oldestLag, out long totalLag)
    {
        oldestLag = 0;
        totalLag = 0;
        var count = 0;
        while (count < max)
        {
            var due = NextDue;
            if (due > now)
            {
                break;
            }

            if (count == 0)
            {
                oldestLag = now - due;
            }

            totalLag += now - due;
            _next++;
            count++;
        }

        return count;
    }
}
