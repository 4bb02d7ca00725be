namespace Parley.Core.Events;

/// <summary>A member set (or, with an empty <see cref="Topic"/>, cleared) a room's topic.</summary>
public sealed class TopicChanged(string room, string nick, string topic, DateTimeOffset time) : ChatEvent(time)
{
    public string Room { get; } = room;

    public string Nick { get; } = nick;

    public string Topic { get; } = topic;
}
