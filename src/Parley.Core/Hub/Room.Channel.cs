namespace Parley.Core.Hub;

/// <summary>A room's channel state (topic, operators, modes, bans, invitations), as IRC shows it and every
/// protocol is told about through events. All of it is read and written under the hub's lock only; outside it,
/// read a <see cref="RoomView"/> (<see cref="ChatHub.GetRoom"/>).</summary>
public sealed partial class Room
{
    /// <summary>When the room was made (RPL_CREATIONTIME). Rooms the hub makes in ChatHub.cs get the wall clock here;
    /// <see cref="ChatHub.JoinRoom"/> sets the hub's time.</summary>
    public DateTimeOffset CreatedAt { get; internal set; } = DateTimeOffset.UtcNow;

    internal string Topic { get; set; } = string.Empty;

    internal string TopicBy { get; set; } = string.Empty;

    internal DateTimeOffset TopicAt { get; set; }

    /// <summary>+n only: the default room has no operator (accounts in Parley:Accounts:Operators become its operators
    /// when they log in); a room a JSON or text join creates has its creator as operator (<see cref="ChatHub.Join"/>).
    /// Rooms an IRC JOIN creates start +nt with their creator as operator (<see cref="ChatHub.JoinRoom"/>).</summary>
    internal RoomModes Modes { get; set; } = RoomModes.NoExternal;

    internal string? Key { get; set; }

    internal int Limit { get; set; }

    internal HashSet<Member> Operators { get; } = [];

    internal HashSet<Member> Voiced { get; } = [];

    internal List<string> Bans { get; } = [];

    internal HashSet<string> Invited { get; } = new(NicknameRules.Comparer);

    /// <summary>This node's mode and topic changes on their way through the cluster.</summary>
    internal PendingChanges Pending { get; } = new();

    internal RoomView View()
    {
        var members = Snapshot.Span;
        var views = new RoomMemberView[members.Length];
        for (var i = 0; i < members.Length; i++)
        {
            views[i] = new RoomMemberView(members[i], Operators.Contains(members[i]), Voiced.Contains(members[i]));
        }

        return new RoomView(Name, Topic, TopicBy, TopicAt, Modes, Key, Limit, CreatedAt, views, [.. Bans]);
    }
}
