namespace Parley.Client.Connections;

/// <summary>
/// A chat line from <paramref name="From"/>. <paramref name="Room"/> is null on wires without rooms (the text
/// dialect) and for private messages; <paramref name="To"/> names the recipient of a private message when the
/// wire says so (the JSON server echoes a direct message to its sender with the recipient in "to").
/// </summary>
public sealed record MessageReceived(string From, string Text, bool IsPrivate, string? Room = null, string? To = null) : ClientEvent;
