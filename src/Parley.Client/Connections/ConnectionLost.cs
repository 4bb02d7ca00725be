namespace Parley.Client.Connections;

/// <summary>
/// The connection ended without a shutdown notice and without this client asking to leave; the event
/// stream ends right after this one.
/// </summary>
public sealed record ConnectionLost(string Reason) : ClientEvent;
