using Parley.Core.Text;

namespace Parley.Client.Peer;

/// <summary>A chat message received from another peer; <see cref="Seq"/> is the sender's counter when it sent one.</summary>
public sealed record PeerMessage(string User, string Text, long? Seq)
{
    /// <summary>How peer mode prints it: <c>user: message</c>, one line, with control characters neutralised
    /// (a peer must not drive this terminal).</summary>
    public override string ToString() => $"{TerminalText.Neutralize(User)}: {TerminalText.Neutralize(Text)}";
}
