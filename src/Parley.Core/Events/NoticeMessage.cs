namespace Parley.Core.Events;

/// <summary>A member's notice (IRC NOTICE): a message that clients show but never answer automatically. To a room
/// (<see cref="Room"/> set) or to one member (<see cref="Recipient"/> set).</summary>
public sealed class NoticeMessage(string sender, string? room, string? recipient, string text, DateTimeOffset time) : ChatEvent(time)
{
    public string Sender { get; } = sender;

    public string? Room { get; } = room;

    public string? Recipient { get; } = recipient;

    public string Text { get; } = text;

    /// <summary>IRCv3 client-only tags the sender attached (<c>+draft/reply=...</c>, still escaped), relayed to IRC
    /// clients that negotiated <c>message-tags</c>; null for none. Never stored.</summary>
    public string? ClientTags { get; init; }

    /// <summary>The account the sender was logged in to, for IRCv3 <c>account-tag</c>; null for a guest.</summary>
    public string? Account { get; init; }
}
