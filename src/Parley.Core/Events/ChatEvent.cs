namespace Parley.Core.Events;

/// <summary>
/// Something the hub tells members. Immutable once created; the bytes of each wire format are computed at
/// most once per event and shared by every recipient of that format (see <see cref="GetEncoded"/>).
/// </summary>
public abstract class ChatEvent
{
    // One small node per wire format actually used (most events reach one or two), pushed with a CAS: a node is
    // published by one reference write, so a racing reader never sees a torn ReadOnlyMemory, and an empty
    // encoding is cached too.
    private EncodedSlot? _encoded;

    protected ChatEvent(DateTimeOffset time) => Time = time;

    public DateTimeOffset Time { get; }

    /// <summary>
    /// The event in <paramref name="encoder"/>'s wire format, encoded on first use and cached. Several threads
    /// may race on the first use; each computes the same bytes, one copy is published and every caller gets
    /// that one, which is cheaper than a lock on every delivery.
    /// </summary>
    public ReadOnlyMemory<byte> GetEncoded(IEventEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        var id = encoder.Format.Id;
        var head = Volatile.Read(ref _encoded);
        if (Find(head, id) is { } cached)
        {
            return cached.Bytes;
        }

        var bytes = encoder.Encode(this);
        while (true)
        {
            var added = new EncodedSlot(id, bytes, head);
            var seen = Interlocked.CompareExchange(ref _encoded, added, head);
            if (seen == head)
            {
                return bytes;
            }

            head = seen;
            if (Find(head, id) is { } won)
            {
                return won.Bytes;
            }
        }
    }

    private static EncodedSlot? Find(EncodedSlot? node, int formatId)
    {
        for (; node is not null; node = node.Next)
        {
            if (node.FormatId == formatId)
            {
                return node;
            }
        }

        return null;
    }

    private sealed class EncodedSlot(int formatId, ReadOnlyMemory<byte> bytes, EncodedSlot? next)
    {
        public int FormatId { get; } = formatId;

        public ReadOnlyMemory<byte> Bytes { get; } = bytes;

        public EncodedSlot? Next { get; } = next;
    }
}
