namespace Parley.Core.Events;

/// <summary>A chat message in a room. <see cref="Seq"/> counts the sender's messages from 0.</summary>
public sealed class MessagePosted(long id, long seq, string room, string sender, string text, DateTimeOffset time)
    : ChatEvent(time)
{
    public long Id { get; } = id;

    public long Seq { get; } = seq;

    public string Room { get; } = room;

    public string Sender { get; } = sender;

    public string Text { get; } = text;
}
