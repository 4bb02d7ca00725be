namespace Parley.Core.Events;

/// <summary>The server is stopping; the connection closes after this event.</summary>
public sealed class ServerShutdown(string text, DateTimeOffset time) : ChatEvent(time)
{
    public string Text { get; } = text;
}
