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

    /// <summary>IRCv3 client-only tags the sender attached (<c>+draft/reply=...</c>, still escaped), relayed to IRC
    /// clients that negotiated <c>message-tags</c>; null for none. Never stored.</summary>
    public string? ClientTags { get; init; }

    /// <summary>The account the sender was logged in to, for IRCv3 <c>account-tag</c>; null for a guest.</summary>
    public string? Account { get; init; }
}
