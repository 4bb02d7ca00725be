namespace Parley.Core.Events;

/// <summary>A member went away (<see cref="Message"/> says why) or came back (null). Told to the rooms it is in.</summary>
public sealed class AwayChanged(string nick, string? message, DateTimeOffset time) : ChatEvent(time)
{
    public string Nick { get; } = nick;

    public string? Message { get; } = message;
}
