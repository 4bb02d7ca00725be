namespace Parley.Client.Connections;

/// <summary>
/// A server text that is not a message, membership change or error (a weather report, a /who list...). It may
/// span several lines. <paramref name="Kind"/> is the JSON notice kind ("weather", "who"...), null on the text wire.
/// </summary>
public sealed record NoticeReceived(string Text, string? Kind = null) : ClientEvent;
