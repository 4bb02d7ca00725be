using Parley.Core.Cluster;
using Parley.Core.Events;

namespace Parley.Core.Hub;

/// <summary>Other nodes' events applied here, on the backplane's receive loop (one at a time, never blocking).</summary>
public sealed partial class ChatHub
{
    private const string NodeGoneReason = "connection lost (its server stopped)";

    /// <summary>A committed message, in the store's id order: to the room's members here, or to the recipient (and,
    /// with echo, the sender) if they are here.</summary>
    internal void ApplyClusterMessage(ClusterEvent message, bool own)
    {
        if (message.Kind == ClusterEventKind.DirectMessage)
        {
            Member? recipient;
            Member? sender;
            Member? author;
            lock (_gate)
            {
                _lastMessageId = Math.Max(_lastMessageId, message.Id);
                recipient = _members.GetValueOrDefault(message.Other ?? string.Empty);
                author = _members.GetValueOrDefault(message.Nick ?? string.Empty);
                sender = own && Options.Echo ? author : null;
            }

            var sent = new DirectMessageSent(message.Id, message.Seq, message.Nick ?? "?", message.Other ?? "?", message.Text ?? string.Empty, message.Time)
            {
                Account = author?.Account,
                ClientTags = message.Tags,
            };
            if (recipient is { IsRemote: false })
            {
                recipient.Sink.TryDeliver(sent);
            }

            if (sender is { IsRemote: false } && sender != recipient)
            {
                sender.Sink.TryDeliver(sent);
            }

            return;
        }

        Room? room;
        Member? except = null;
        string? account;
        lock (_gate)
        {
            // The watermark moves before the room is looked up, under the same lock as a room's creation (Join): a room
            // made after this either gets this message live or has it below its replay bound.
            _lastMessageId = Math.Max(_lastMessageId, message.Id);
            _rooms.TryGetValue(message.Room ?? string.Empty, out room);
            var author = _members.GetValueOrDefault(message.Nick ?? string.Empty);

            // The sender's account as this node knows it (its stand-in's follows its own node's AccountChanged).
            account = author?.Account;
            if (own && !Options.Echo && author is { IsRemote: false })
            {
                except = author;
            }
        }

        if (room is null)
        {
            return;
        }

        var posted = new MessagePosted(message.Id, message.Seq, room.Name, message.Nick ?? "?", message.Text ?? string.Empty, message.Time)
        {
            Account = account,
            ClientTags = message.Tags,
        };
        bool dispatch;
        lock (room.Dispatcher.Gate)
        {
            dispatch = room.Dispatcher.EnqueueLocked(posted, except, filter: null);
            room.DeliveredThrough = message.Id;
        }

        if (dispatch)
        {
            // Not on the backplane's thread: the notifications after this one would wait for the sends.
            room.Dispatcher.DrainOnPacer();
        }
    }

    /// <summary>A member arrived on <paramref name="node"/>, which gave it its nickname at <paramref name="since"/> (that
    /// node's clock): its stand-in here keeps that moment as its <see cref="Member.NickSince"/>.</summary>
    internal void ApplyClusterRegistered(string node, string nick, string? account, DateTimeOffset since)
    {
        if (Remote(node, nick, create: true) is not { } member)
        {
            return;
        }

        if (account is not null)
        {
            member.Account = account;
        }

        lock (_gate)
        {
            member.NickSince = since;
        }
    }

    /// <summary>A member of <paramref name="node"/> joined: its stand-in joins here (its own node checked the room's
    /// modes). <paramref name="state"/> is the room as that node has it (<see cref="JoinedState"/>), used when the
    /// room is new here.</summary>
    internal void ApplyClusterJoined(string node, string nick, string room, string? account, string? state)
    {
        if (Remote(node, nick, create: true) is not { } member)
        {
            return;
        }

        if (account is not null)
        {
            // Before the join, so that its JOIN names the account (extended-join) as the member's own node shows it.
            member.Account = account;
        }

        if (state is not null)
        {
            MakeRoomAsJoined(member, room, state);
        }

        Join(member, room);
    }

    internal void ApplyClusterLeft(string node, string nick, string room, string? reason)
    {
        if (Remote(node, nick, create: false) is { } member)
        {
            PartRoom(member, room, reason ?? "part");
        }
    }

    /// <summary><paramref name="since"/> is the member's <see cref="Member.NickSince"/> after the rename on its own node
    /// (kept there for a change of case only).</summary>
    internal void ApplyClusterRenamed(string node, string oldNick, string newNick, DateTimeOffset since)
    {
        if (Remote(node, oldNick, create: false) is { } member && TryRename(member, newNick, since) == RenameResult.NickTaken)
        {
            LogClusterNickClash(newNick, node);
        }
    }

    internal void ApplyClusterQuit(string node, string nick, string? reason)
    {
        if (Remote(node, nick, create: false) is { } member)
        {
            Leave(member, reason ?? "quit");
        }
    }

    /// <summary>Every stand-in of <paramref name="node"/> is gone: each room it was in is told.</summary>
    internal void ApplyClusterNodeGone(string node)
    {
        foreach (var member in RemotesOf(node))
        {
            Leave(member, NodeGoneReason);
        }
    }

    /// <summary>Makes this node's copy of <paramref name="node"/>'s members match its roster: newcomers and their rooms
    /// are added without announcements (they were there before this node looked), the missing are announced gone.</summary>
    internal void ApplyClusterRoster(string node, string roster)
    {
        var listed = new Dictionary<string, string[]>(NicknameRules.Comparer);
        var since = new Dictionary<string, DateTimeOffset>(NicknameRules.Comparer);
        foreach (var line in roster.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 1 && TryParseRosterSince(parts[1], out var nickSince))
            {
                since[parts[0]] = nickSince;
                listed[parts[0]] = parts[2..];
            }
            else
            {
                // A node of an earlier build: "nick room room".
                listed[parts[0]] = parts[1..];
            }
        }

        foreach (var member in RemotesOf(node))
        {
            if (!listed.TryGetValue(member.Nick, out var rooms))
            {
                Leave(member, NodeGoneReason);
                continue;
            }

            foreach (var room in RoomsOf(member))
            {
                if (!rooms.Contains(room, StringComparer.OrdinalIgnoreCase))
                {
                    PartRoom(member, room, "part");
                }
            }
        }

        foreach (var (nick, rooms) in listed)
        {
            if (Remote(node, nick, create: true) is not { } member)
            {
                continue;
            }

            if (since.TryGetValue(nick, out var nickSince))
            {
                lock (_gate)
                {
                    member.NickSince = nickSince;
                }
            }

            foreach (var room in rooms)
            {
                AddRemoteQuietly(member, room);
            }
        }
    }

    private Member[] RemotesOf(string node)
    {
        lock (_gate)
        {
            return [.. _members.Values.Where(m => m.Node == node)];
        }
    }

    /// <summary>The stand-in for <paramref name="nick"/> on <paramref name="node"/>; made when asked and absent. Null
    /// when a member of this node (or of another node) holds the nick: the nickname claims decide who keeps it.</summary>
    private Member? Remote(string node, string nick, bool create)
    {
        lock (_gate)
        {
            if (_members.TryGetValue(nick, out var member))
            {
                if (member.Node == node)
                {
                    return member;
                }

                LogClusterNickClash(nick, node);
                return null;
            }

            if (!create || !NicknameRules.IsValid(nick, Math.Max(Options.MaxNickLength, nick.Length)))
            {
                return null;
            }

            member = Member.Remote(nick, node, Now);
            _members.Add(nick, member);
            return member;
        }
    }

    private void AddRemoteQuietly(Member member, string roomName)
    {
        if (!RoomNameRules.IsValid(roomName, Math.Max(Options.MaxRoomNameLength, roomName.Length)))
        {
            return;
        }

        Room? room;
        var created = false;
        lock (_gate)
        {
            if (!_rooms.TryGetValue(roomName, out room))
            {
                room = NewRoom(roomName);
                room.DeliveredThrough = _lastMessageId;
                _rooms.Add(roomName, room);
                created = true;
            }

            // A stand-in's sink drops everything, so it needs no place in the room's event order. In the room, as
            // after a join: an invitation it had is used up, as its own node did.
            AddToRoom(member, room);
            room.Invited.Remove(member.Nick);
        }

        if (created)
        {
            RememberRoom(room);
        }
    }
}
