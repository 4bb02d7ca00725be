namespace Parley.Client.Connections;

/// <summary>What a connection's reader found next: an event, a frame with nothing to show, or the end.</summary>
public readonly record struct WireEvent(ClientEvent? Event, bool IsEnd)
{
    public static WireEvent End => new(null, true);

    public static WireEvent Skip => new(null, false);

    public static WireEvent Of(ClientEvent? clientEvent) => new(clientEvent, false);
}
