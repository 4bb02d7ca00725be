namespace Parley.Core.Events;

/// <summary>A message of client tags only (IRCv3 TAGMSG: typing notices, reactions), to a room (<see cref="Room"/>
/// set) or one member (<see cref="Recipient"/> set). Only IRC clients that negotiated <c>message-tags</c> see it;
/// every other wire format writes nothing. <see cref="Id"/> numbers it like a message (its <c>msgid</c>), but it is
/// never stored.</summary>
public sealed class TagMessage(long id, string sender, string? room, string? recipient, string clientTags, DateTimeOffset time)
    : ChatEvent(time)
{
    public long Id { get; } = id;

    public string Sender { get; } = sender;

    public string? Room { get; } = room;

    public string? Recipient { get; } = recipient;

    /// <summary>The client-only tags (<c>+name[=value]</c>, ';'-separated, values still escaped) as the sender wrote them.</summary>
    public string ClientTags { get; } = clientTags;

    /// <summary>The account the sender was logged in to, for IRCv3 <c>account-tag</c>; null for a guest.</summary>
    public string? Account { get; init; }
}
