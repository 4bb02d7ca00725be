using System.Runtime.CompilerServices;

namespace Parley.Core.Events;

/// <summary>
/// Something the hub tells members. Immutable once created; the bytes of each wire format are computed at
/// most once per event and shared by every recipient of that format (see <see cref="GetEncoded"/>).
/// </summary>
public abstract class ChatEvent
{
    // Boxed so that a slot is published by one reference write (a ReadOnlyMemory<byte> is three fields and a
    // racing reader could see it torn) and so that an empty encoding is cached too, not recomputed each time.
    private StrongBox<ReadOnlyMemory<byte>>?[]? _encoded;

    protected ChatEvent(DateTimeOffset time) => Time = time;

    public DateTimeOffset Time { get; }

    /// <summary>
    /// The event in <paramref name="encoder"/>'s wire format, encoded on first use and cached. Several writer
    /// loops may race on the first use; each computes the same bytes and one copy wins, which is cheaper than a
    /// lock on every delivery.
    /// </summary>
    public ReadOnlyMemory<byte> GetEncoded(IEventEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        var id = encoder.Format.Id;
        var cache = Volatile.Read(ref _encoded);
        if (cache is null)
        {
            Interlocked.CompareExchange(ref _encoded, new StrongBox<ReadOnlyMemory<byte>>?[WireFormat.MaxFormats], null);
            cache = _encoded!;
        }

        var slot = Volatile.Read(ref cache[id]);
        if (slot is null)
        {
            slot = new StrongBox<ReadOnlyMemory<byte>>(encoder.Encode(this));
            Volatile.Write(ref cache[id], slot);
        }

        return slot.Value;
    }
}
