namespace Parley.Core.Events;

/// <summary>Sent to the invited member alone: <see cref="By"/> invites it to <see cref="Room"/>.</summary>
public sealed class MemberInvited(string room, string by, string nick, DateTimeOffset time) : ChatEvent(time)
{
    public string Room { get; } = room;

    public string By { get; } = by;

    public string Nick { get; } = nick;

    /// <summary>The account the sender was logged in to, for IRCv3 <c>account-tag</c>; null for a guest.</summary>
    public string? Account { get; init; }
}
