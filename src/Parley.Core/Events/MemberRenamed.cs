namespace Parley.Core.Events;

/// <summary>A member changed its nickname (a subscriber known by its address first, by its user name later).
/// <see cref="IsOwn"/> marks the copy the renamed member itself receives: some dialects answer it differently
/// (the NICK-room tutorial's "NICKNAME CHANGED TO new").</summary>
public sealed class MemberRenamed(string oldNick, string newNick, DateTimeOffset time, bool isOwn = false) : ChatEvent(time)
{
    public string OldNick { get; } = oldNick;

    public string NewNick { get; } = newNick;

    public bool IsOwn { get; } = isOwn;
}
