using Parley.Core.Events;

namespace Parley.Core.Hub;

/// <summary>
/// What the rooms learn of a member's account: its JOIN names the account and real name (IRCv3 extended-join), and a
/// login or logout is told once to every other member of its rooms (account-notify). Wire formats without these
/// features ignore the extra fields and write nothing for <see cref="AccountChanged"/>.
/// </summary>
public sealed partial class ChatHub
{
    private MemberJoined JoinedEvent(Room room, Member member) =>
        new(room.Name, member.Nick, Now) { Account = member.Account, RealName = member.RealName };

    /// <summary>Tells the member's rooms it logged in to <paramref name="account"/> (null: logged out), each other
    /// member once, in each room's order.</summary>
    private void AnnounceAccount(Member member, string? account)
    {
        Room[] rooms;
        lock (_gate)
        {
            rooms = [.. member.Rooms];
        }

        TellRoomsOnce(rooms, member, new AccountChanged(member.Nick, account, Now));
    }
}
