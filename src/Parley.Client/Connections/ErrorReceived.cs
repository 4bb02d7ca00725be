namespace Parley.Client.Connections;

/// <summary>The server refused something this client sent; the session stays open.</summary>
public sealed record ErrorReceived(string Text) : ClientEvent;
