using System.Globalization;
using System.Text;

using Parley.Core.Cluster;
using Parley.Core.Events;

namespace Parley.Core.Hub;

/// <summary>
/// The hub as one node of a cluster (<see cref="IBackplane"/>; the hub knows nothing of what carries it). Members of
/// other nodes are stand-ins (<see cref="Member.IsRemote"/>) in the nick table and in rooms, moved by the other nodes'
/// events through the same methods local members use, so every protocol shows them as it shows anyone. Messages are
/// numbered by the shared store and delivered here from the backplane, this node's own too: every member on every
/// node sees a room's messages in the store's id order. Ownership: the backplane's receive loop alone calls the
/// Cluster* methods below; the local-change hooks run under <see cref="_gate"/> and only queue.
/// </summary>
public sealed partial class ChatHub
{
    /// <summary>Starts the <see cref="Member.NickSince"/> word of a roster line ("~1732860000123", unix milliseconds).</summary>
    private const char RosterSincePrefix = '~';

    private ClusterLink? _cluster;

    /// <summary>True once <see cref="AttachClusterAsync"/> ran.</summary>
    public bool ClusterEnabled => _cluster is not null;

    /// <summary>Joins the cluster with the default <see cref="ClusterLinkOptions"/>.</summary>
    public Task AttachClusterAsync(IBackplane backplane, CancellationToken cancellationToken) =>
        AttachClusterAsync(backplane, new ClusterLinkOptions(), cancellationToken);

    /// <summary>Joins the cluster. Call once, after <see cref="AttachHistory"/> with the cluster's shared store (which
    /// numbers messages itself and announces them) and before any member arrives.</summary>
    public async Task AttachClusterAsync(IBackplane backplane, ClusterLinkOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(backplane);
        ArgumentNullException.ThrowIfNull(options);
        if (_store is null)
        {
            throw new InvalidOperationException("A cluster needs its shared history store attached first.");
        }

        var link = new ClusterLink(this, backplane, options, _logger);
        lock (_gate)
        {
            if (_cluster is not null)
            {
                throw new InvalidOperationException("The cluster is attached already.");
            }

            _cluster = link;
        }

        await link.StartAsync(Interlocked.Read(ref _lastMessageId), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Publishes what is queued, then leaves the cluster (the other nodes announce this node's users gone).</summary>
    public async Task DetachClusterAsync()
    {
        if (_cluster is { } link)
        {
            await link.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>In a cluster the store numbers messages (the hub's number is a placeholder the store replaces).</summary>
    private long NextMessageId() => _cluster is null ? Interlocked.Increment(ref _lastMessageId) : 0;

    /// <summary>The time of a direct message to <paramref name="recipient"/>: now, but for a member of another node
    /// never before it took its nickname by its own node's clock (its <see cref="Member.NickSince"/>, as that node
    /// said). Its own node reads the message as the recipient's when it was sent at or after that moment
    /// (History.DirectParty), so clocks that disagree by a little cannot hide it from the guest it was sent to.</summary>
    private DateTimeOffset DirectMessageTime(Member recipient)
    {
        var now = Now;
        if (!recipient.IsRemote)
        {
            return now;
        }

        lock (_gate)
        {
            return recipient.NickSince > now ? recipient.NickSince : now;
        }
    }

    private static bool TryParseRosterSince(string word, out DateTimeOffset since)
    {
        since = default;
        if (word.Length < 2 || word[0] != RosterSincePrefix
            || !long.TryParse(word.AsSpan(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms)
            || ms < DateTimeOffset.MinValue.ToUnixTimeMilliseconds() || ms > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return false;
        }

        since = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        return true;
    }

    // Local-change hooks: under _gate, queue only. Stand-ins are never announced back.
    private void ClusterJoined(Member member, Room room)
    {
        if (_cluster is { } link && !member.IsRemote)
        {
            // The room as it is here goes along, for a node that makes the room on hearing this join (JoinedState).
            link.Local(member, ClusterEventKind.Joined, room.Name, member.Nick, null, JoinedState(room, member), member.Account);
        }
    }

    private void ClusterLeftRoom(Member member, Room room)
    {
        // A member leaving the chat (Leave) is gone from the nick table first and announced once, as a quit.
        if (_cluster is { } link && !member.IsRemote && _members.TryGetValue(member.Nick, out var current) && current == member)
        {
            link.Local(member, ClusterEventKind.Left, room.Name, member.Nick, null, "part");
        }
    }

    // Registered and Renamed carry the moment the member took its nickname (Member.NickSince, this node's clock) as
    // their time: every node keeps it on its stand-in, so the member's guest identity is the same everywhere.
    private void ClusterRegistered(Member member) =>
        _cluster?.Local(member, ClusterEventKind.Registered, null, member.Nick, null, null, member.Account, time: member.NickSince);

    private void ClusterRenamed(Member member, string oldNick, string newNick)
    {
        if (!member.IsRemote)
        {
            _cluster?.Local(member, ClusterEventKind.Renamed, null, oldNick, newNick, null, time: member.NickSince);
        }
    }

    private void ClusterQuit(Member member, string reason)
    {
        // During shutdown the node's goodbye (NodeGone) announces everyone at once.
        if (!member.IsRemote && !_shuttingDown)
        {
            _cluster?.Local(member, ClusterEventKind.Quit, null, member.Nick, null, reason);
        }
    }

    /// <summary>The notice goes to the other nodes' members of the room, or to the member there.</summary>
    private void ClusterNotice(Member sender, string? room, string? recipient, string text, string? clientTags)
    {
        if (_cluster is not { } link || sender.IsRemote)
        {
            return;
        }

        // Under the hub's lock, as every change is queued: in order with the sender's other changes.
        lock (_gate)
        {
            link.Local(sender, ClusterEventKind.Notice, room, sender.Nick, recipient, text, sender.Account, clientTags);
        }
    }

    /// <summary>The TAGMSG goes to the other nodes' members of the room, or to the member there, with its msgid.</summary>
    private void ClusterTags(Member sender, TagMessage tags)
    {
        if (_cluster is not { } link || sender.IsRemote)
        {
            return;
        }

        lock (_gate)
        {
            link.Local(sender, ClusterEventKind.Tags, tags.Room, sender.Nick, tags.Recipient, null, tags.Account, tags.ClientTags, tags.Id);
        }
    }

    private void ClusterAway(Member member)
    {
        if (!member.IsRemote)
        {
            _cluster?.Local(member, ClusterEventKind.Away, null, member.Nick, null, member.AwayMessage);
        }
    }

    private void ClusterAccount(Member member)
    {
        if (_cluster is not { } link || member.IsRemote)
        {
            return;
        }

        lock (_gate)
        {
            link.Local(member, ClusterEventKind.AccountChanged, null, member.Nick, null, null, member.Account);
        }
    }

    /// <summary>Under the hub's lock, after applying the topic here: every node applies it in the cluster's order.</summary>
    private void ClusterTopic(Member by, Room room, string topic)
    {
        if (_cluster is { } link)
        {
            room.Pending.Add(TopicKey);
            link.Local(by, ClusterEventKind.Topic, room.Name, by.Nick, null, topic);
        }
    }

    private void ClusterModes(Member by, Room room, string applied) =>
        _cluster?.Local(by, ClusterEventKind.Modes, room.Name, by.Nick, null, applied);

    /// <summary>Every node records the invitation (the invitee may join through any of them); the invitee's own node
    /// tells it.</summary>
    private void ClusterInvited(Member by, string room, Member target) =>
        _cluster?.Local(by, ClusterEventKind.Invited, room, by.Nick, target.Nick, null, by.Account);

    private void ClusterKicked(Member by, Room room, Member target, string reason) =>
        _cluster?.Local(by, ClusterEventKind.Kicked, room.Name, by.Nick, target.Nick, reason);

    /// <summary>Queues this node's roster ("nick ~since room room" lines, since: <see cref="Member.NickSince"/> in unix
    /// milliseconds, a word no room name can be, so a node of an earlier build skips it), in order with the changes
    /// queued around it; with <paramref name="requester"/> (a node that asked), the rooms' state for it after the roster.</summary>
    internal void QueueRoster(string? requester = null)
    {
        lock (_gate)
        {
            if (_cluster is not { } link)
            {
                return;
            }

            var roster = new StringBuilder();
            foreach (var member in _members.Values)
            {
                if (member.IsRemote)
                {
                    continue;
                }

                roster.Append(member.Nick).Append(' ').Append(RosterSincePrefix)
                    .Append(member.NickSince.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
                foreach (var room in member.Rooms)
                {
                    roster.Append(' ').Append(room.Name);
                }

                roster.Append('\n');
            }

            link.Local(null, ClusterEventKind.Roster, null, null, null, roster.ToString());

            // What a roster line does not say: accounts and away messages, restated after it (receivers apply only
            // what differs, so nobody is told twice).
            foreach (var member in _members.Values)
            {
                if (member.IsRemote)
                {
                    continue;
                }

                if (member.Account is not null)
                {
                    link.Local(member, ClusterEventKind.AccountChanged, null, member.Nick, null, null, member.Account);
                }

                if (member.AwayMessage is not null)
                {
                    link.Local(member, ClusterEventKind.Away, null, member.Nick, null, member.AwayMessage);
                }
            }

            if (requester is not null)
            {
                link.Local(null, ClusterEventKind.RoomState, null, null, requester, RoomStateLocked());
            }
        }
    }

    /// <summary>The cluster refused this member's nickname (another node holds it): it is told why and disconnected.</summary>
    internal void RefuseClusterNick(Member member, string nick)
    {
        member.Sink.TryDeliver(new ErrorNotice(
            ErrorCodes.NickTaken, $"{nick} is in use on another server of this chat; connect again with another nickname.", Now));
        member.Sink.Complete();
    }

    internal Member? FindLocal(string nick)
    {
        lock (_gate)
        {
            return _members.GetValueOrDefault(nick) is { IsRemote: false } member ? member : null;
        }
    }
}
