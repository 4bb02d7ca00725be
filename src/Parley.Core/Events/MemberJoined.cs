namespace Parley.Core.Events;

public sealed class MemberJoined(string room, string nick, DateTimeOffset time) : ChatEvent(time)
{
    public string Room { get; } = room;

    public string Nick { get; } = nick;

    /// <summary>The account the member is logged in to, for IRCv3 <c>extended-join</c> and <c>account-tag</c>; null for a guest.</summary>
    public string? Account { get; init; }

    /// <summary>The member's real name (IRC USER or SETNAME; empty when its protocol has none), for <c>extended-join</c>.</summary>
    public string RealName { get; init; } = string.Empty;
}
