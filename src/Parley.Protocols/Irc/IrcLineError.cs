namespace Parley.Protocols.Irc;

/// <summary>Why a line did not become a message.</summary>
public enum IrcLineError
{
    None,

    /// <summary>Over 512 bytes without its tags (CR LF included), or tags over 4096 bytes: ERR_INPUTTOOLONG (417).</summary>
    TooLong,

    /// <summary>No command (a line of only tags or a source); answered with ERR_UNKNOWNCOMMAND.</summary>
    Malformed,
}
