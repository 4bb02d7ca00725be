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

    /// <summary>"type":"register": registers the sender's nickname as an account ("password").</summary>
    Register,

    /// <summary>"type":"login": logs in to "user" (default: the sender's nickname) with "password".</summary>
    Login,

    /// <summary>"type":"logout".</summary>
    Logout,

    /// <summary>"type":"passwd": replaces "password" with "new".</summary>
    Passwd,

    /// <summary>"type":"topic": shows a room's topic, or sets it to "topic".</summary>
    Topic,

    /// <summary>"type":"kick": an operator removes "nick" from "room", with an optional "reason".</summary>
    Kick,

    /// <summary>"type":"mode": an operator changes "room"'s "modes" ("+i", "-i", "+o bob").</summary>
    Mode,
}
