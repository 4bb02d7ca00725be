namespace Parley.Protocols.Irc;

/// <summary>How Parley names things on IRC (docs/protocol.md, "IRC"): the server's name, and the source of
/// every member's events, <c>nick!nick@parley</c> (events carry only the nick, whatever protocol the member uses).</summary>
public static class IrcNames
{
    public const string ServerName = "parley";

    public const string HostName = "parley";

    public static string Source(string nick) => nick + "!" + nick + "@" + HostName;
}
