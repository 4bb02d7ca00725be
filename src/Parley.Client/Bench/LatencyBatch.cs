namespace Parley.Client.Bench;

/// <summary>One connection's latencies waiting to go into a <see cref="LatencyRecorder"/> together, so a receive
/// takes the histogram's lock once per batch rather than once per value. Only its receive loop uses it.</summary>
internal sealed class LatencyBatch
{
    private const int Size = 128;

    private readonly long[] _microseconds = new long[Size];
    private int _count;

    public void Add(long microseconds, LatencyRecorder recorder, int stripe)
    {
        _microseconds[_count++] = microseconds;
        if (_count == Size)
        {
            Flush(recorder, stripe);
        }
    }

    public void Flush(LatencyRecorder recorder, int stripe)
    {
        if (_count > 0)
        {
            recorder.Record(stripe % recorder.Stripes, _microseconds.AsSpan(0, _count));
            _count = 0;
        }
    }
}
