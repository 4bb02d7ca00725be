namespace Parley.Core.Events;

/// <summary>A private message from one member to another.</summary>
public sealed class DirectMessageSent(long id, long seq, string sender, string recipient, string text, DateTimeOffset time)
    : ChatEvent(time)
{
    public long Id { get; } = id;

    public long Seq { get; } = seq;

    public string Sender { get; } = sender;

    public string Recipient { get; } = recipient;

    public string Text { get; } = text;

    /// <summary>IRCv3 client-only tags the sender attached (<c>+draft/reply=...</c>, still escaped), relayed to IRC
    /// clients that negotiated <c>message-tags</c>; null for none. Never stored.</summary>
    public string? ClientTags { get; init; }

    /// <summary>The account the sender was logged in to, for IRCv3 <c>account-tag</c>; null for a guest.</summary>
    public string? Account { get; init; }

    /// <summary>The account the recipient was logged in to when the message was sent (null for a guest, and for a
    /// member of another node, whose account this node does not know); stored so that direct-message history is read
    /// by identity. Never sent on any wire.</summary>
    public string? RecipientAccount { get; init; }
}
