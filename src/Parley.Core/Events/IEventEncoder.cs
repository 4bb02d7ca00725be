namespace Parley.Core.Events;

/// <summary>Turns events into the bytes of one wire format. Implementations live in Parley.Protocols.</summary>
public interface IEventEncoder
{
    WireFormat Format { get; }

    /// <summary>The complete bytes to send for <paramref name="chatEvent"/>, framing included; empty when this
    /// format does not show such events.</summary>
    ReadOnlyMemory<byte> Encode(ChatEvent chatEvent);
}
