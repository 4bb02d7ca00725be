using HdrHistogram;

namespace Parley.Client.Bench;

/// <summary>
/// Latencies in microseconds from every receive loop. Striped: a loop records a whole receive's batch under
/// one stripe's lock, so loops on different threads rarely meet, and no value costs an interlocked operation.
/// </summary>
public sealed class LatencyRecorder
{
    /// <summary>Longest latency tracked exactly; longer ones are recorded as this.</summary>
    public const long HighestMicroseconds = 60_000_000;

    private const int SignificantDigits = 3;
    private readonly LongHistogram[] _stripes;
    private readonly Lock[] _locks;

    public LatencyRecorder(int stripes = 8)
    {
        _stripes = new LongHistogram[stripes];
        _locks = new Lock[stripes];
        for (var i = 0; i < stripes; i++)
        {
            _stripes[i] = NewHistogram();
            _locks[i] = new Lock();
        }
    }

    public int Stripes => _stripes.Length;

    public void Record(int stripe, ReadOnlySpan<long> microseconds)
    {
        var histogram = _stripes[stripe];
        lock (_locks[stripe])
        {
            foreach (var value in microseconds)
            {
                histogram.RecordValue(Math.Clamp(value, 1, HighestMicroseconds));
            }
        }
    }

    /// <summary>All stripes merged into a new histogram.</summary>
    public LongHistogram Snapshot()
    {
        var merged = NewHistogram();
        for (var i = 0; i < _stripes.Length; i++)
        {
            lock (_locks[i])
            {
                merged.Add(_stripes[i]);
            }
        }

        return merged;
    }

    public void Reset()
    {
        for (var i = 0; i < _stripes.Length; i++)
        {
            lock (_locks[i])
            {
                _stripes[i].Reset();
            }
        }
    }

    private static LongHistogram NewHistogram() => new(1, HighestMicroseconds, SignificantDigits);
}
