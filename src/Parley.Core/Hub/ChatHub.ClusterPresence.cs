using Parley.Core.Cluster;
using Parley.Core.Events;

namespace Parley.Core.Hub;

/// <summary>Other nodes' notices, TAGMSGs, away messages and logins applied here, on the backplane's receive loop.</summary>
public sealed partial class ChatHub
{
    /// <summary>A notice from a member of another node: to the room's members here, or to the recipient if it is here.</summary>
    internal void ApplyClusterNotice(ClusterEvent notice)
    {
        var sender = notice.Nick ?? "?";
        var text = notice.Text ?? string.Empty;
        ApplyToRoomOrRecipient(notice, (room, recipient) =>
            new NoticeMessage(sender, room, recipient, text, notice.Time) { Account = notice.Account, ClientTags = notice.Tags });
    }

    /// <summary>A TAGMSG from a member of another node, with its msgid there: to the room's members here, or to the
    /// recipient if it is here (sessions show it only to IRC clients that negotiated message-tags).</summary>
    internal void ApplyClusterTags(ClusterEvent tags)
    {
        var sender = tags.Nick ?? "?";
        var clientTags = tags.Tags ?? string.Empty;
        ApplyToRoomOrRecipient(tags, (room, recipient) =>
            new TagMessage(tags.Id, sender, room, recipient, clientTags, tags.Time) { Account = tags.Account });
    }

    /// <summary>Delivers what <paramref name="make"/> builds (given the room's name, or the recipient's nick) to the
    /// event's room here, or to its recipient if that member is connected here.</summary>
    private void ApplyToRoomOrRecipient(ClusterEvent clusterEvent, Func<string?, string?, ChatEvent> make)
    {
        if (clusterEvent.Room is { } roomName)
        {
            Room? room;
            lock (_gate)
            {
                _rooms.TryGetValue(roomName, out room);
            }

            if (room is not null)
            {
                Broadcast(room, make(room.Name, null), except: null);
            }

            return;
        }

        if (clusterEvent.Other is { } nick && Find(nick) is { IsRemote: false } recipient)
        {
            recipient.Sink.TryDeliver(make(null, recipient.Nick));
        }
    }

    /// <summary>A member of another node went away or came back; its rooms here are told (away-notify) unless it is
    /// no news (a roster restating it).</summary>
    internal void ApplyClusterAway(string node, string nick, string? message)
    {
        if (Remote(node, nick, create: false) is { } member && !string.Equals(member.AwayMessage, message, StringComparison.Ordinal))
        {
            SetAway(member, message);
        }
    }

    /// <summary>A member of another node logged in or out; its rooms here are told (account-notify) unless it is no news.</summary>
    internal void ApplyClusterAccount(string node, string nick, string? account)
    {
        if (Remote(node, nick, create: false) is not { } member || string.Equals(member.Account, account, StringComparison.Ordinal))
        {
            return;
        }

        member.Account = account;
        AnnounceAccount(member, account);
        foreach (var room in RoomsOf(member))
        {
            GrantConfiguredOperator(member, room);
        }
    }
}
