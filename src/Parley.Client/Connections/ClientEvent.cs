namespace Parley.Client.Connections;

/// <summary>
/// Something the server told this client, already decoded from whatever wire format the connection speaks,
/// so the terminal code never sees protocol text.
/// </summary>
public abstract record ClientEvent;
