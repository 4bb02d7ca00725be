namespace Parley.Client.Connections;

/// <summary><paramref name="Nick"/> is now called <paramref name="NewNick"/> (possibly this client).</summary>
public sealed record MemberRenamed(string Nick, string NewNick) : ClientEvent;
