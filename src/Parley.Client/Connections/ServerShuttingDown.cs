namespace Parley.Client.Connections;

/// <summary>The server announced it is stopping; the event stream ends right after this one.</summary>
public sealed record ServerShuttingDown(string? Text = null) : ClientEvent;
