namespace Parley.Client.Connections;

/// <summary>A server line that is not a message, membership change or error (a weather report line, a /who list...).</summary>
public sealed record NoticeReceived(string Text) : ClientEvent;
