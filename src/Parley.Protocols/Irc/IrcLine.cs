namespace Parley.Protocols.Irc;

/// <summary>What <see cref="IrcLineReader"/> found: a message, or the reason a line was refused.</summary>
public readonly record struct IrcLine(IrcMessage? Message, IrcLineError Error)
{
    public static IrcLine Refused(IrcLineError error) => new(null, error);
}
