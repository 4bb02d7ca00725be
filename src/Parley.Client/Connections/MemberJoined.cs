namespace Parley.Client.Connections;

/// <summary>Someone (possibly this client) joined; <paramref name="Room"/> is null on wires without rooms.</summary>
public sealed record MemberJoined(string Nick, string? Room = null) : ClientEvent;
