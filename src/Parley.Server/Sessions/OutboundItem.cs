using Parley.Core.Events;

namespace Parley.Server.Sessions;

/// <summary>An event to encode in the connection's wire format, or bytes the session already framed.</summary>
public readonly record struct OutboundItem(ChatEvent? Event, ReadOnlyMemory<byte> Bytes)
{
    public static implicit operator OutboundItem(ChatEvent chatEvent) => new(chatEvent, default);

    public static OutboundItem Raw(ReadOnlyMemory<byte> bytes) => new(null, bytes);
}
