namespace Parley.Core.Events;

/// <summary>A member changed its nickname (a subscriber known by its address first, by its user name later).</summary>
public sealed class MemberRenamed(string oldNick, string newNick, DateTimeOffset time) : ChatEvent(time)
{
    public string OldNick { get; } = oldNick;

    public string NewNick { get; } = newNick;
}
