namespace Parley.Protocols.Text;

/// <summary>The seed texts' plain-text dialects, told apart by what the client does first.</summary>
public enum TextDialect
{
    /// <summary>The server sends "NICK", the client answers with its nickname, messages are "nick: text".</summary>
    Prompted,

    /// <summary>"REGISTER user CHAT/1.0", messages are "@user: text".</summary>
    Registered,
}
