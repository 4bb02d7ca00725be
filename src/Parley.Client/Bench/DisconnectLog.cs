namespace Parley.Client.Bench;

/// <summary>Counts connections the server closed (or that failed) during a run and keeps the first reason.</summary>
public sealed class DisconnectLog
{
    private int _count;
    private string? _firstReason;

    public int Count => Volatile.Read(ref _count);

    public string? FirstReason => Volatile.Read(ref _firstReason);

    public void Add(string reason)
    {
        Interlocked.Increment(ref _count);
        Interlocked.CompareExchange(ref _firstReason, reason, null);
    }
}
