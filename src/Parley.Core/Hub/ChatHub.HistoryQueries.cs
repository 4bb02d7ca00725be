using Parley.Core.Events;
using Parley.Core.History;
using Parley.Core.Text;

namespace Parley.Core.Hub;

/// <summary>History and search requests: who may read what (rooms the member is in, its own direct messages).</summary>
public sealed partial class ChatHub
{
    /// <summary>A page of <paramref name="roomName"/> (the member's current room when null and
    /// <paramref name="with"/> is null), or of the direct messages between the member and <paramref name="with"/>.</summary>
    public async Task<HistoryAnswer> ReadHistoryAsync(
        Member member, string? roomName, string? with, HistoryRange range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(range);
        if (_store is not { } store)
        {
            return HistoryOff();
        }

        range = range.Clamped();
        var probe = range with { Limit = range.Limit + 1 };
        IReadOnlyList<HistoryEntry> entries;
        string? room = null;
        if (with is not null)
        {
            entries = await store.ReadDirectAsync(member.Nick, with, probe, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            lock (_gate)
            {
                roomName ??= member.CurrentRoom;
                room = FindRoom(member, roomName)?.Name;
            }

            if (room is null)
            {
                return HistoryAnswer.Fail(ErrorCodes.NotInRoom, $"You are not in {Excerpt.Of(roomName ?? "any room")}; only a room's members read its history.");
            }

            entries = await store.ReadRoomAsync(room, probe, cancellationToken).ConfigureAwait(false);
        }

        var more = entries.Count > range.Limit;
        if (more)
        {
            // Forward pages (after only) drop the newest extra; backward pages the oldest.
            entries = range.IsForward ? entries.Take(range.Limit).ToArray() : entries.Skip(1).ToArray();
        }

        return new HistoryAnswer(new HistoryPage(room, room is null ? with : null, null, entries, more, Now), null, null);
    }

    /// <summary>Messages matching every word of <paramref name="text"/> in the rooms the member is in and its own
    /// direct messages, newest first.</summary>
    public async Task<HistoryAnswer> SearchAsync(Member member, string text, long? before, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(text);
        if (_store is not { } store)
        {
            return HistoryOff();
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return HistoryAnswer.Fail(ErrorCodes.BadSyntax, "Search for at least one word.");
        }

        string[] rooms;
        lock (_gate)
        {
            rooms = [.. member.Rooms.Select(r => r.Name)];
        }

        limit = Math.Clamp(limit, 1, HistoryRange.MaxLimit);
        var entries = await store.SearchAsync(new HistorySearch(text, rooms, member.Nick, before, limit + 1), cancellationToken).ConfigureAwait(false);
        var more = entries.Count > limit;
        return new HistoryAnswer(new HistoryPage(null, null, text, more ? entries.Take(limit).ToArray() : entries, more, Now), null, null);
    }

    private static HistoryAnswer HistoryOff() =>
        HistoryAnswer.Fail(ErrorCodes.HistoryOff, "This server keeps no history.");
}
