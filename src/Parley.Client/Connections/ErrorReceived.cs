namespace Parley.Client.Connections;

/// <summary>The server refused something this client sent; the session stays open. <paramref name="Code"/> is the JSON error code, when known.</summary>
public sealed record ErrorReceived(string Text, string? Code = null) : ClientEvent;
