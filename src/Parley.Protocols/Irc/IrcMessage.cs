namespace Parley.Protocols.Irc;

/// <summary>One parsed client line (RFC 1459 section 2.3.1 with IRCv3 message tags): raw tags (without the '@'),
/// the optional source, the command (upper-cased; numerics stay digits) and its parameters, trailing last.</summary>
public sealed class IrcMessage(string? tags, string? source, string command, IReadOnlyList<string> parameters)
{
    public string? Tags { get; } = tags;

    public string? Source { get; } = source;

    public string Command { get; } = command;

    public IReadOnlyList<string> Parameters { get; } = parameters;

    /// <summary>The parameter at <paramref name="index"/>, or empty when there are fewer.</summary>
    public string this[int index] => index < Parameters.Count ? Parameters[index] : string.Empty;

    public override string ToString() => Command + (Parameters.Count == 0 ? string.Empty : " " + string.Join(' ', Parameters));
}
