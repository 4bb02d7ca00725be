using Parley.Core.Events;

namespace Parley.Core.Hub;

public sealed partial class ChatHub
{
    /// <summary>Sets (empty: clears) a room's topic; members only, operators only while the room is +t. The
    /// room is told, the setter too.</summary>
    public ChannelOutcome SetTopic(Member member, string roomName, string topic)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(topic);
        Room? room;
        lock (_gate)
        {
            if (!_rooms.TryGetValue(roomName, out room))
            {
                return ChannelOutcome.NoSuchRoom;
            }

            if (!room.Members.Contains(member))
            {
                return ChannelOutcome.NotInRoom;
            }

            if ((room.Modes & RoomModes.TopicLocked) != 0 && !room.Operators.Contains(member))
            {
                return ChannelOutcome.NotOperator;
            }

            room.Topic = topic;
            room.TopicBy = member.Nick;
            room.TopicAt = Now;
            ClusterTopic(member, room, topic);
        }

        Broadcast(room, new TopicChanged(room.Name, member.Nick, topic, Now), except: null);
        if (_cluster is null)
        {
            // In a cluster the backplane stores it as it publishes it, in the order every node applies it.
            RememberRoom(room, topic);
        }

        return ChannelOutcome.Done;
    }

    /// <summary>An operator removes <paramref name="nick"/> from a room; the room, the kicked member included, is told first.</summary>
    public ChannelOutcome Kick(Member by, string roomName, string nick, string reason)
    {
        ArgumentNullException.ThrowIfNull(by);
        Room? room;
        Member? target;
        lock (_gate)
        {
            if (!_rooms.TryGetValue(roomName, out room))
            {
                return ChannelOutcome.NoSuchRoom;
            }

            if (!room.Members.Contains(by))
            {
                return ChannelOutcome.NotInRoom;
            }

            if (!room.Operators.Contains(by))
            {
                return ChannelOutcome.NotOperator;
            }

            target = _members.GetValueOrDefault(nick);
            if (target is null || !room.Members.Contains(target))
            {
                return ChannelOutcome.TargetNotInRoom;
            }
        }

        Broadcast(room, new MemberKicked(room.Name, by.Nick, target.Nick, reason, Now), except: null);
        lock (_gate)
        {
            // Every node removes the kicked member on hearing the kick, its own node too: no part is announced.
            ClusterKicked(by, room, target, reason);
            RemoveFromRoom(target, room, tellCluster: false);
        }

        LogParted(target.Nick, room.Name);
        return ChannelOutcome.Done;
    }

    /// <summary>A notice to a room the sender may post to, or to one member: the event (its echo), or null when
    /// there is no such room to post to or no such nick.</summary>
    public NoticeMessage? SendNotice(Member sender, string? roomName, string? recipientNick, string text, string? clientTags = null)
    {
        ArgumentNullException.ThrowIfNull(sender);
        if (roomName is not null)
        {
            Room? room;
            lock (_gate)
            {
                room = FindPostTarget(sender, roomName);
            }

            if (room is null)
            {
                return null;
            }

            var notice = new NoticeMessage(sender.Nick, room.Name, null, text, Now) { ClientTags = clientTags, Account = sender.Account };
            Broadcast(room, notice, except: Options.Echo ? null : sender);
            ClusterNotice(sender, room.Name, null, text, clientTags);
            return notice;
        }

        var recipient = recipientNick is null ? null : Find(recipientNick);
        if (recipient is null)
        {
            return null;
        }

        var direct = new NoticeMessage(sender.Nick, null, recipient.Nick, text, Now) { ClientTags = clientTags, Account = sender.Account };
        recipient.Sink.TryDeliver(direct);
        if (recipient.IsRemote)
        {
            ClusterNotice(sender, null, recipient.Nick, text, clientTags);
        }

        return direct;
    }
}
