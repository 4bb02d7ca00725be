namespace Parley.Client.Bench;

/// <summary>
/// The measured interval, as <see cref="System.Diagnostics.Stopwatch"/> timestamps. A message counts (sent,
/// delivered, latency) when its send timestamp falls inside, wherever and whenever it is received, so warm-up
/// traffic and stragglers of an earlier ramp step are left out without stopping any loop.
/// </summary>
public sealed class BenchWindow
{
    private long _start = long.MaxValue;
    private long _end = long.MaxValue;

    public long Start => Volatile.Read(ref _start);

    public long End => Volatile.Read(ref _end);

    public bool Contains(long timestamp) => timestamp >= Volatile.Read(ref _start) && timestamp < Volatile.Read(ref _end);

    /// <summary>Sets the next window; nothing counts while it moves (the start is raised first).</summary>
    public void Set(long start, long end)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(end, start);
        Volatile.Write(ref _start, long.MaxValue);
        Volatile.Write(ref _end, end);
        Volatile.Write(ref _start, start);
    }
}
