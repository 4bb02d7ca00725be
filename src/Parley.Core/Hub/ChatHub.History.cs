using System.Globalization;

using Parley.Core.Events;
using Parley.Core.History;

namespace Parley.Core.Hub;

/// <summary>
/// History on the hub: numbered messages go through the writer (stored, then delivered in order), joins replay the
/// room's last messages up to the exact bound taken under the room's broadcast lock, rooms are remembered.
/// Fan-out hook: <see cref="DeliverCommitted"/> is the one place that delivers an already-numbered, stored message
/// to its room (or its two parties), in id order per room.
/// </summary>
public sealed partial class ChatHub
{
    private HistoryWriter? _history;
    private IHistoryStore? _store;
    private HistoryOptions _historyOptions = new() { Enabled = false };

    /// <summary>True once <see cref="AttachHistory"/> ran: messages are stored before they are delivered.</summary>
    public bool HistoryEnabled => _store is not null;

    /// <summary>The attached store, or null when history is off.</summary>
    public IHistoryStore? HistoryStore => _store;

    /// <summary>Messages in a /history or /search answer when the member names no number.</summary>
    public int DefaultHistoryPage => _historyOptions.DefaultPage;

    /// <summary>Messages accepted but not yet delivered (stored or being stored).</summary>
    public int HistoryPending => _history?.Pending ?? 0;

    /// <summary>
    /// Starts storing messages in <paramref name="store"/> (already opened; <paramref name="lastId"/> is its highest
    /// message id, so numbering continues after it) and restores its rooms. Call once, before any member arrives.
    /// <paramref name="deliveryGate"/>, when given, is awaited before each stored message is delivered (the server's
    /// "sends are behind" signal).
    /// </summary>
    public void AttachHistory(
        IHistoryStore store, HistoryOptions options, long lastId, IReadOnlyList<StoredRoom> rooms, Func<ValueTask>? deliveryGate = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rooms);
        lock (_gate)
        {
            if (_store is not null)
            {
                throw new InvalidOperationException("History is attached already.");
            }

            _lastMessageId = Math.Max(_lastMessageId, lastId);
            foreach (var stored in rooms)
            {
                if (!RoomNameRules.IsValid(stored.Name, Options.MaxRoomNameLength))
                {
                    continue;
                }

                if (!_rooms.TryGetValue(stored.Name, out var room))
                {
                    room = NewRoom(stored.Name);
                    _rooms.Add(stored.Name, room);
                }

                // The stored topic is the text alone: who set it and when are not kept.
                room.Topic = stored.Topic ?? string.Empty;
            }

            // Before any member or message exists, so no broadcast lock is needed (and none may be taken under the gate).
            foreach (var room in _rooms.Values)
            {
                room.DeliveredThrough = _lastMessageId;
            }

            _store = store;
            _historyOptions = options;
            _history = new HistoryWriter(store, options, DeliverCommitted, RefuseUnstored, deliveryGate, _logger);
            _history.Start();
        }

        RememberRoom(_defaultRoom);
    }

    /// <summary>Stores and delivers what is queued, then stops the writer. The store stays the caller's to close.</summary>
    public async Task DetachHistoryAsync()
    {
        if (_history is { } writer)
        {
            await writer.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Waits while too many messages are on their way to the store (the server slows its senders);
    /// completes at once otherwise, and always when history is off.</summary>
    public ValueTask WaitForHistorySpaceAsync(CancellationToken cancellationToken) =>
        _history?.WaitForSpaceAsync(cancellationToken) ?? default;

    /// <summary>Hands a numbered message to the writer; false when history is off (the caller delivers at once).
    /// Called under the room's broadcast lock for room messages, so the writer sees each room's ids in order.
    /// <paramref name="handedOver"/>, when given, is completed by the writer (true: stored and handed to delivery).</summary>
    private bool TryStore(
        ChatEvent chatEvent, Room? room, Member sender, Member? recipient, Member? except, TaskCompletionSource<bool>? handedOver = null)
    {
        if (_history is not { } writer)
        {
            return false;
        }

        var entry = chatEvent switch
        {
            MessagePosted m => new HistoryEntry(m.Id, m.Room, m.Sender, null, m.Text, m.Seq, m.Time) { ClientTags = m.ClientTags },
            DirectMessageSent d => new HistoryEntry(d.Id, null, d.Sender, d.Recipient, d.Text, d.Seq, d.Time)
            {
                SenderAccount = d.Account,
                RecipientAccount = d.RecipientAccount,
                ClientTags = d.ClientTags,
            },
            _ => throw new ArgumentException("Only messages are stored.", nameof(chatEvent)),
        };
        var pending = new PendingMessage(entry, chatEvent, room, sender, recipient, except, handedOver);
        if (!writer.Enqueue(pending))
        {
            RefuseUnstored(pending);
            handedOver?.TrySetResult(false);
        }

        return true;
    }

    /// <summary>The writer's delivery loop: the message is stored; deliver it, in order.</summary>
    private void DeliverCommitted(PendingMessage message)
    {
        if (_cluster is not null)
        {
            // In a cluster the store announced it in its transaction; the backplane delivers it, in the store's order.
            return;
        }

        if (message.Room is { } room)
        {
            bool dispatch;
            lock (room.Dispatcher.Gate)
            {
                dispatch = room.Dispatcher.EnqueueLocked(message.Event, message.Except, filter: null);
                room.DeliveredThrough = message.Entry.Id;
            }

            if (dispatch)
            {
                // Not on the writer's thread: its next commit, and every message after it, would wait for the sends.
                room.Dispatcher.DrainOnPacer();
            }
        }
        else if (message.Event is DirectMessageSent sent && message.Recipient is { } recipient)
        {
            DeliverDirect(sent, message.Sender, recipient);
        }
    }

    /// <summary>The store failed for good: nobody saw the message, and its sender is told it was not sent.</summary>
    private void RefuseUnstored(PendingMessage message) =>
        message.Sender.Sink.TryDeliver(new ErrorNotice(
            ErrorCodes.HistoryUnavailable, "Your message could not be stored, so it was not sent; try again later.", Now));

    /// <summary>Tells a member who just joined how long the room keeps history, then replays its last messages
    /// (ids up to <paramref name="through"/>) in the background.</summary>
    private void StartReplay(Member member, Room room, long through)
    {
        if (_store is not { } store || member.IsRemote)
        {
            return;
        }

        member.Sink.TryDeliver(new Notice(NoticeKind.History, RetentionText(room.Name), Now));
        if (_historyOptions.Replay > 0 && through > 0)
        {
            _ = ReplayAsync(store, member, room.Name, through);
        }
    }

    private async Task ReplayAsync(IHistoryStore store, Member member, string room, long through)
    {
        try
        {
            var entries = await store.ReadRoomAsync(room, new HistoryRange(through + 1, null, _historyOptions.Replay), CancellationToken.None).ConfigureAwait(false);
            foreach (var entry in entries)
            {
                member.Sink.TryDeliver(new HistoryMessage(entry));
            }
        }
        catch (Exception ex)
        {
            LogReplayFailed(member.Nick, room, ex);
        }
    }

    /// <summary>Saves the room, with <paramref name="topic"/> when given (empty clears it; null keeps the stored one).</summary>
    private void RememberRoom(Room room, string? topic = null)
    {
        if (_store is { } store)
        {
            _ = RememberRoomAsync(store, room.Name, topic);
        }
    }

    private async Task RememberRoomAsync(IHistoryStore store, string room, string? topic)
    {
        try
        {
            await store.SaveRoomAsync(new StoredRoom(room, topic), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogRoomNotSaved(room, ex);
        }
    }

    /// <summary>The <see cref="HistoryOptions.Data"/> of a database that lives as long as the process.</summary>
    private const string InMemoryData = ":memory:";

    /// <summary>"#general keeps messages for 30 days (its newest 100000 at most)."</summary>
    internal string RetentionText(string room)
    {
        var options = _historyOptions;
        var age = options.MaxAge > TimeSpan.Zero ? "for " + Duration(options.MaxAge) : "with no time limit";
        var cap = options.MaxMessagesPerRoom > 0
            ? string.Create(CultureInfo.InvariantCulture, $" (its newest {options.MaxMessagesPerRoom} at most)")
            : string.Empty;
        // --data :memory: keeps them only while the server runs: say so rather than promise 30 days.
        var memory = options.Data == InMemoryData ? ", in memory only: a restart forgets them" : string.Empty;
        return $"{room} keeps messages {age}{cap}{memory}.";
    }

    private static string Duration(TimeSpan span) => span switch
    {
        { TotalDays: >= 1 } when span.Ticks % TimeSpan.TicksPerDay == 0 => Count((long)span.TotalDays, "day"),
        { TotalHours: >= 1 } when span.Ticks % TimeSpan.TicksPerHour == 0 => Count((long)span.TotalHours, "hour"),
        { TotalMinutes: >= 1 } when span.Ticks % TimeSpan.TicksPerMinute == 0 => Count((long)span.TotalMinutes, "minute"),
        _ => Count((long)Math.Ceiling(span.TotalSeconds), "second"),
    };

    private static string Count(long n, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{n} {unit}{(n == 1 ? string.Empty : "s")}");
}
