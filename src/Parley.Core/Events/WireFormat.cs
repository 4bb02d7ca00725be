namespace Parley.Core.Events;

/// <summary>
/// A distinct byte form of events (a dialect and its framing). Identified by a small number, the key of
/// <see cref="ChatEvent"/>'s per-format encoding cache; a bounded number of them keeps that cache small.
/// </summary>
public sealed class WireFormat
{
    public const int MaxFormats = 32;
    private static int _lastId = -1;

    private WireFormat(int id, string name)
    {
        Id = id;
        Name = name;
    }

    public int Id { get; }

    public string Name { get; }

    public static WireFormat Register(string name)
    {
        var id = Interlocked.Increment(ref _lastId);
        if (id >= MaxFormats)
        {
            throw new InvalidOperationException($"More than {MaxFormats} wire formats registered.");
        }

        return new WireFormat(id, name);
    }

    public override string ToString() => Name;
}
