namespace Parley.Client.Connections;

/// <summary>
/// The server accepted <paramref name="Name"/> and put this client in <paramref name="Room"/> (null on wires without
/// rooms). Always the first event of a JSON session, so the view knows its room before any message arrives.
/// </summary>
public sealed record Welcomed(string Name, string? Room) : ClientEvent;
