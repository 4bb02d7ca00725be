using Parley.Protocols.Irc;

namespace Parley.Server.Sessions;

/// <summary>One row of the IRC command table: how many parameters it needs, whether the client must be
/// registered first, and its handler.</summary>
internal sealed record IrcCommand(string Name, int MinParameters, bool NeedsRegistration, Func<IrcMessage, CancellationToken, ValueTask> Handler);
