namespace Parley.Protocols.Json;

/// <summary>What a client asks for. Values are not on the wire (the "type" strings are).</summary>
public enum ClientRequestKind
{
    /// <summary>A chat message to a room: a frame with "message" and no "type" (the seed's format), or "type":"message".</summary>
    Message = 0,

    /// <summary>A private message: "type":"msg", or a seed message with "to".</summary>
    DirectMessage,

    /// <summary>"type":"hello": explicit registration with a nickname and a protocol version.</summary>
    Hello,

    /// <summary>"operation":"subscribe" (seed server5.py).</summary>
    Subscribe,

    /// <summary>"operation":"unsubscribe" (seed server5.py).</summary>
    Unsubscribe,

    Join,
    Part,
    Who,
    Rooms,
    Weather,
    Quit,
    Ping,

    /// <summary>"type":"history": a page of a room's messages, or of a direct conversation ("with").</summary>
    History,

    /// <summary>"type":"search": messages matching "query" in the sender's rooms and direct messages.</summary>
    Search,
}
