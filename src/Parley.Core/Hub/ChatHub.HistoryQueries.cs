using Parley.Core.Events;
using Parley.Core.History;
using Parley.Core.Text;

namespace Parley.Core.Hub;

/// <summary>History and search requests: who may read what (rooms the member is in, its own direct messages, the
/// latter by identity: <see cref="DirectParty"/>).</summary>
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
            entries = await store.ReadDirectAsync(PartyOf(member), with, probe, cancellationToken).ConfigureAwait(false);
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
        DirectParty party;
        lock (_gate)
        {
            rooms = [.. member.Rooms.Select(r => r.Name)];
            party = PartyOfLocked(member);
        }

        limit = Math.Clamp(limit, 1, HistoryRange.MaxLimit);
        var entries = await store.SearchAsync(new HistorySearch(text, rooms, party, before, limit + 1), cancellationToken).ConfigureAwait(false);
        var more = entries.Count > limit;
        return new HistoryAnswer(new HistoryPage(null, null, text, more ? entries.Take(limit).ToArray() : entries, more, Now), null, null);
    }

    /// <summary>
    /// The rooms the member is in and its direct conversations whose latest message lies strictly between
    /// <paramref name="first"/> and <paramref name="second"/> (IRC <c>CHATHISTORY TARGETS</c>): oldest activity first
    /// when <paramref name="first"/> is the earlier, newest first when it is the later; at most
    /// <paramref name="limit"/> (clamped to 1..<see cref="HistoryRange.MaxLimit"/>). Null when history is off.
    /// </summary>
    public async Task<IReadOnlyList<HistoryTarget>?> ReadTargetsAsync(
        Member member, DateTimeOffset first, DateTimeOffset second, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (_store is not { } store)
        {
            return null;
        }

        string[] rooms;
        DirectParty party;
        lock (_gate)
        {
            rooms = [.. member.Rooms.Select(r => r.Name)];
            party = PartyOfLocked(member);
        }

        var newestFirst = first > second;
        var query = new HistoryTargetQuery(
            party, rooms, newestFirst ? second : first, newestFirst ? first : second, Math.Clamp(limit, 1, HistoryRange.MaxLimit), newestFirst);
        return await store.ReadTargetsAsync(query, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The member as a reader of direct messages. Its nick, account and <see cref="Member.NickSince"/> are
    /// read together under the hub's lock, so a rename cannot pair the new nick with the old nick's start.</summary>
    private DirectParty PartyOf(Member member)
    {
        lock (_gate)
        {
            return PartyOfLocked(member);
        }
    }

    private static DirectParty PartyOfLocked(Member member) => new(member.Nick, member.Account, member.NickSince);

    private static HistoryAnswer HistoryOff() =>
        HistoryAnswer.Fail(ErrorCodes.HistoryOff, "This server keeps no history.");
}
