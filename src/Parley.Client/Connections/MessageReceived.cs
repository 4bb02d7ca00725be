namespace Parley.Client.Connections;

/// <summary>A chat line from <paramref name="From"/>; <paramref name="Room"/> is null on wires without rooms.</summary>
public sealed record MessageReceived(string From, string Text, bool IsPrivate, string? Room = null) : ClientEvent;
