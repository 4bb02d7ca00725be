using Microsoft.Extensions.Logging;

using Parley.Core.Events;
using Parley.Core.History;

namespace Parley.Core.Hub;

/// <summary>Room and direct messages: checked, numbered, stored when history is on, and delivered.</summary>
public sealed partial class ChatHub
{
    /// <summary>Posts <paramref name="text"/> to <paramref name="roomName"/> (the member's current room when null).
    /// Returns the event, or null with an error code when the member may not post there.</summary>
    public MessagePosted? Say(Member sender, string? roomName, string text, long? clientSeq, out string? errorCode, string? clientTags = null) =>
        Say(sender, roomName, text, clientSeq, clientTags, track: false, out errorCode, out _);

    private MessagePosted? Say(
        Member sender, string? roomName, string text, long? clientSeq, string? clientTags, bool track, out string? errorCode, out Task<bool> handedOver)
    {
        ArgumentNullException.ThrowIfNull(sender);
        handedOver = HandedAtOnce;
        Room? room;
        lock (_gate)
        {
            roomName ??= sender.CurrentRoom;
            room = FindPostTarget(sender, roomName);
            if (room is null)
            {
                errorCode = roomName is not null && _rooms.ContainsKey(roomName) ? ErrorCodes.NotInRoom : ErrorCodes.NoSuchRoom;
                return null;
            }

            if (!CanPostLocked(room, sender))
            {
                errorCode = ErrorCodes.Moderated;
                return null;
            }
        }

        errorCode = null;
        MessagePosted posted;
        bool dispatch;
        var dispatcher = room.Dispatcher;
        lock (dispatcher.Gate)
        {
            // Numbered under the room's queue lock, so the room's order is the order of its ids.
            posted = new MessagePosted(
                NextMessageId(), sender.NextSeq(clientSeq), room.Name, sender.Nick, text, Now)
            {
                ClientTags = clientTags,
                Account = sender.Account,
            };

            // With history on, the writer hands it to the room after it is stored (ChatHub.History.cs); handed to
            // the writer under this lock, so the writer sees each room's ids in order.
            var handOver = NewHandOver(track);
            dispatch = !TryStore(posted, room, sender, recipient: null, Options.Echo ? null : sender, handOver)
                && dispatcher.EnqueueLocked(posted, Options.Echo ? null : sender, null);
            if (handOver is not null)
            {
                handedOver = handOver.Task;
            }

            if (!HistoryEnabled)
            {
                room.DeliveredThrough = posted.Id;
            }
        }

        if (dispatch)
        {
            dispatcher.Drain();
        }

        if (Options.LogMessages)
        {
            LogMessage(room.Name, sender.Nick, text);
        }
        return posted;
    }

    /// <summary>Sends a private message; false when nobody has that nick.</summary>
    public bool SendDirect(Member sender, string recipientNick, string text, long? clientSeq) =>
        SendDirectMessage(sender, recipientNick, text, clientSeq) is not null;

    /// <summary>Sends a private message: the event (the sender's echo shares its id), or null when nobody has that nick.</summary>
    public DirectMessageSent? SendDirectMessage(Member sender, string recipientNick, string text, long? clientSeq, string? clientTags = null) =>
        SendDirectMessage(sender, recipientNick, text, clientSeq, clientTags, track: false, out _);

    private DirectMessageSent? SendDirectMessage(
        Member sender, string recipientNick, string text, long? clientSeq, string? clientTags, bool track, out Task<bool> handedOver)
    {
        ArgumentNullException.ThrowIfNull(sender);
        handedOver = HandedAtOnce;
        var recipient = Find(recipientNick);
        if (recipient is null)
        {
            return null;
        }

        var sent = new DirectMessageSent(
            NextMessageId(), sender.NextSeq(clientSeq), sender.Nick, recipient.Nick, text, DirectMessageTime(recipient))
        {
            ClientTags = clientTags,
            Account = sender.Account,
            RecipientAccount = recipient.Account,
        };
        var handOver = NewHandOver(track);
        if (!TryStore(sent, room: null, sender, recipient, except: null, handOver))
        {
            DeliverDirect(sent, sender, recipient);
        }
        else if (handOver is not null)
        {
            handedOver = handOver.Task;
        }

        if (Options.LogMessages)
        {
            LogDirect(sender.Nick, recipient.Nick, text);
        }

        return sent;
    }

    private void DeliverDirect(DirectMessageSent sent, Member sender, Member recipient)
    {
        recipient.Sink.TryDeliver(sent);
        if (Options.Echo && recipient != sender)
        {
            sender.Sink.TryDeliver(sent);
        }
    }
}
