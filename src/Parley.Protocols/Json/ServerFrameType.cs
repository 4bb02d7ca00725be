namespace Parley.Protocols.Json;

/// <summary>What a server (or a peer) sent, from the JSON "type" value.</summary>
public enum ServerFrameType
{
    /// <summary>A type this client does not know (a newer server), or a frame that could not be read.</summary>
    Unknown = 0,

    /// <summary>"type":"message", or a bare seed message {"seq","user","message"} from a peer.</summary>
    Message,
    Direct,
    Joined,
    Left,
    Notice,
    Error,
    Shutdown,
    Welcome,
    Pong,
    Subscribed,
    Unsubscribed,
}
