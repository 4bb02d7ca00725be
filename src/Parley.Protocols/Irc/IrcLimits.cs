namespace Parley.Protocols.Irc;

/// <summary>Line limits of the client protocol (modern.ircdocs.horse, "Message format"; IRCv3 message-tags).</summary>
public static class IrcLimits
{
    /// <summary>A line without its tags, CR LF included.</summary>
    public const int LineBytes = 512;

    /// <summary>The tags of a line the server sends, '@' and the space after them included.</summary>
    public const int TagBytes = 8191;

    /// <summary>The tags of a client's line, '@' and the space after them included: IRCv3 message-tags gives clients
    /// 4094 bytes of tag data, the server the rest of <see cref="TagBytes"/> for its own.</summary>
    public const int ClientTagBytes = 4096;

    /// <summary>Parameters per message; after the fourteenth middle one the rest is one trailing parameter.</summary>
    public const int MaxParameters = 15;
}
