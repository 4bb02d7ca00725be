namespace Parley.Core.Cluster;

/// <summary>What a <see cref="ClusterEvent"/> says. The numbers travel between nodes: never renumber one.</summary>
public enum ClusterEventKind
{
    /// <summary>A stored room message (<see cref="ClusterEvent.Id"/> is its row in the shared history, numbered by the
    /// database; <see cref="ClusterEvent.Nick"/> its sender). Unlike every other kind, its own node hears it too.</summary>
    RoomMessage = 1,

    /// <summary>A stored direct message to <see cref="ClusterEvent.Other"/>.</summary>
    DirectMessage = 2,

    /// <summary><see cref="ClusterEvent.Nick"/> joined <see cref="ClusterEvent.Room"/>.</summary>
    Joined = 3,

    /// <summary><see cref="ClusterEvent.Nick"/> left <see cref="ClusterEvent.Room"/> (<see cref="ClusterEvent.Text"/>: why).</summary>
    Left = 4,

    /// <summary><see cref="ClusterEvent.Nick"/> is now called <see cref="ClusterEvent.Other"/>.</summary>
    Renamed = 5,

    /// <summary>Node <see cref="ClusterEvent.Node"/> stopped or stopped heartbeating; its users
    /// (<see cref="ClusterEvent.Text"/>, space-separated nicks) are gone and their nicknames free.</summary>
    NodeGone = 6,

    /// <summary><see cref="ClusterEvent.Nick"/> arrived (registered) on node <see cref="ClusterEvent.Node"/>; it is in no
    /// room until a <see cref="Joined"/> says so.</summary>
    Registered = 7,

    /// <summary><see cref="ClusterEvent.Nick"/> left the chat (<see cref="ClusterEvent.Text"/>: why); its nickname is free.</summary>
    Quit = 8,

    /// <summary>Everything node <see cref="ClusterEvent.Node"/> has: <see cref="ClusterEvent.Text"/> holds one line per
    /// member, "nick room room ...". Receivers make their copy of that node's members match it.</summary>
    Roster = 9,

    /// <summary>Node <see cref="ClusterEvent.Node"/> (just started, or back after losing the database) asks every
    /// other node for its <see cref="Roster"/>.</summary>
    RosterRequest = 10,

    /// <summary>Never on the wire: the backplane tells its own receiver that it listens (again) and has caught up on
    /// every message committed meanwhile, so the node should restate itself and ask the others to.</summary>
    Resumed = 11,

    /// <summary>A notice from <see cref="ClusterEvent.Nick"/> (account in <see cref="ClusterEvent.Account"/>, client tags
    /// in <see cref="ClusterEvent.Tags"/>) to <see cref="ClusterEvent.Room"/>, or to the member
    /// <see cref="ClusterEvent.Other"/>; not stored.</summary>
    Notice = 12,

    /// <summary><see cref="ClusterEvent.Nick"/> is away (<see cref="ClusterEvent.Text"/>: why) or back (null).</summary>
    Away = 13,

    /// <summary><see cref="ClusterEvent.Nick"/> set the topic of <see cref="ClusterEvent.Room"/> to
    /// <see cref="ClusterEvent.Text"/> (empty: cleared). Room state: its own node hears it too (see
    /// <see cref="ClusterEventKinds.ReachesOwnNode"/>), and the backplane stores the topic as it publishes.</summary>
    Topic = 14,

    /// <summary><see cref="ClusterEvent.Nick"/> changed the modes of <see cref="ClusterEvent.Room"/>:
    /// <see cref="ClusterEvent.Text"/> is what applied, in IRC form ("+ok-l bob secret"). Room state: its own node
    /// hears it too.</summary>
    Modes = 15,

    /// <summary><see cref="ClusterEvent.Nick"/> invited <see cref="ClusterEvent.Other"/> to <see cref="ClusterEvent.Room"/>.</summary>
    Invited = 16,

    /// <summary><see cref="ClusterEvent.Nick"/> kicked <see cref="ClusterEvent.Other"/> out of <see cref="ClusterEvent.Room"/>
    /// (<see cref="ClusterEvent.Text"/>: why). Every node removes it; its own node does not announce a part.</summary>
    Kicked = 17,

    /// <summary><see cref="ClusterEvent.Nick"/> logged in to <see cref="ClusterEvent.Account"/>, or out (null).</summary>
    AccountChanged = 18,

    /// <summary>An answer to node <see cref="ClusterEvent.Other"/>'s <see cref="RosterRequest"/>, after the roster: the
    /// rooms' state as this node has it (<see cref="ClusterEvent.Text"/>, lines; see ChatHub.ClusterRoomState.cs).
    /// Only the node named in <see cref="ClusterEvent.Other"/> applies it.</summary>
    RoomState = 19,

    /// <summary>An IRCv3 TAGMSG: client tags only (<see cref="ClusterEvent.Tags"/>), travelling as a
    /// <see cref="Notice"/> does (room or member, sender's account), with the sender's msgid in
    /// <see cref="ClusterEvent.Id"/>; not stored. A kind of its own, not a notice without text, so that a node of an
    /// earlier build ignores it instead of showing an empty notice.</summary>
    Tags = 20,
}
