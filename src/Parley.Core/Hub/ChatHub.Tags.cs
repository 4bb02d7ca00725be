using Parley.Core.Events;

namespace Parley.Core.Hub;

/// <summary>IRCv3 TAGMSG: client tags without text, to a room or a member. Not stored, not shown to protocols without tags;
/// in a cluster relayed to the other nodes as a notice is (<see cref="Cluster.ClusterEventKind.Tags"/>).</summary>
public sealed partial class ChatHub
{
    /// <summary>Sends <paramref name="clientTags"/> to a room the sender may post to (<paramref name="roomName"/>) or to
    /// one member: the event (for the sender's echo), or null when there is no such room to post to or no such nick.</summary>
    public TagMessage? SendTags(Member sender, string? roomName, string? recipientNick, string clientTags)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(clientTags);
        if (roomName is not null)
        {
            Room? room;
            lock (_gate)
            {
                room = FindPostTarget(sender, roomName);
                if (room is not null && !CanPostLocked(room, sender))
                {
                    room = null;
                }
            }

            if (room is null)
            {
                return null;
            }

            var tags = new TagMessage(Interlocked.Increment(ref _lastMessageId), sender.Nick, room.Name, null, clientTags, Now) { Account = sender.Account };
            Broadcast(room, tags, except: Options.Echo ? null : sender);
            ClusterTags(sender, tags);
            return tags;
        }

        var recipient = recipientNick is null ? null : Find(recipientNick);
        if (recipient is null)
        {
            return null;
        }

        var direct = new TagMessage(Interlocked.Increment(ref _lastMessageId), sender.Nick, null, recipient.Nick, clientTags, Now) { Account = sender.Account };
        recipient.Sink.TryDeliver(direct);
        if (recipient.IsRemote)
        {
            ClusterTags(sender, direct);
        }

        return direct;
    }
}
