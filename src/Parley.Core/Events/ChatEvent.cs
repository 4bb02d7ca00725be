namespace Parley.Core.Events;

/// <summary>
/// Something the hub tells members. Immutable once created; the bytes of each wire format are computed at
/// most once per event and shared by every recipient of that format (see <see cref="GetEncoded"/>).
/// </summary>
public abstract class ChatEvent
{
    private ReadOnlyMemory<byte>[]? _encoded;

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
            Interlocked.CompareExchange(ref _encoded, new ReadOnlyMemory<byte>[WireFormat.MaxFormats], null);
            cache = _encoded!;
        }

        var bytes = cache[id];
        if (bytes.IsEmpty)
        {
            bytes = encoder.Encode(this);
            cache[id] = bytes;
        }

        return bytes;
    }
}
