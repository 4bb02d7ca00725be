namespace Parley.Client.Bench;

/// <summary>The wire a bench client speaks.</summary>
public enum BenchProtocol
{
    /// <summary>Parley's text port, prompted-NICK dialect, line framed (docs/protocol.md).</summary>
    Text,

    /// <summary>Parley's native JSON lines: hello, then message frames (docs/protocol-json.md).</summary>
    Json,

    /// <summary>Enough IRC (RFC 1459/2812) to register, join one channel, PRIVMSG it and answer PING.</summary>
    Irc,

    /// <summary>Parley's <c>/ws</c>: the JSON dialect, one object per WebSocket text message (docs/protocol.md).</summary>
    Ws,
}
