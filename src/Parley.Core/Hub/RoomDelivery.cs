using Parley.Core.Events;

namespace Parley.Core.Hub;

/// <summary>
/// One event waiting in a room's dispatch queue, with the recipients fixed when it was queued: the room's member
/// view at that moment (immutable, so holding the reference is free), less <see cref="Except"/> (the sender,
/// when the room does not echo). <see cref="Filter"/>, when set, decides per recipient instead (a rename gives the
/// renamed member its own copy and tells each member once across rooms).
/// </summary>
internal readonly record struct RoomDelivery(ChatEvent Event, RoomMembers Recipients, Member? Except, RecipientFilter? Filter)
{
    /// <summary>May wait for the room's fan-out interval: a chat message, a join or a departure whose sender,
    /// newcomer or leaver is not among its recipients (it got its copy already, or needs none: its next reply must
    /// not overtake its own event; a member that left the server gets nothing more).</summary>
    public bool MayWait => Event is (MessagePosted or MemberJoined or MemberLeft) && Except is not null && Filter is null;

    public ChatEvent? For(Member member) =>
        Filter is not null ? Filter.For(member) : member == Except ? null : Event;
}
