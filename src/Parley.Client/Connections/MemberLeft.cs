namespace Parley.Client.Connections;

/// <summary>Someone (possibly this client) left; <paramref name="Room"/> is null on wires without rooms.</summary>
public sealed record MemberLeft(string Nick, string? Room = null, string? Reason = null) : ClientEvent;
