using System.Text;

using Parley.Core.Events;

namespace Parley.Core.Tests.Events;

/// <summary>Encodes an event as its type name and format name (or as nothing), counting calls.</summary>
public sealed class CountingEncoder(WireFormat format, bool encodesNothing = false) : IEventEncoder
{
    private int _calls;

    public WireFormat Format { get; } = format;

    public int Calls => Volatile.Read(ref _calls);

    public ReadOnlyMemory<byte> Encode(ChatEvent chatEvent)
    {
        Interlocked.Increment(ref _calls);
        return encodesNothing ? ReadOnlyMemory<byte>.Empty : Encoding.UTF8.GetBytes($"{chatEvent.GetType().Name}/{Format.Name}");
    }
}
