using System.Globalization;

using Parley.Core.Events;
using Parley.Core.History;
using Parley.Protocols.Irc;

namespace Parley.Server.Sessions;

/// <summary>
/// IRCv3 draft/chathistory (https://ircv3.net/specs/extensions/chathistory): pages of a room's or a direct
/// conversation's stored messages, read through the same hub call and access rule as the JSON <c>history</c> request
/// (a room's members read its history; a direct conversation only its two parties). References are <c>msgid=</c> (the
/// hub's message id) or <c>timestamp=</c> (server-time, to the millisecond); every bound is exclusive. The answer is a
/// <c>chathistory</c> batch when the client negotiated <c>batch</c>; bad requests get <c>FAIL CHATHISTORY</c>.
/// Direct conversations are read by identity (History.DirectParty); TARGETS is in IrcSession.HistoryTargets.cs.
/// </summary>
public sealed partial class IrcSession
{
    private static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);
    private int _historyBatches;

    // The room's name as the hub spells it, for the batch's target; set by each page read.
    private string? _historyTarget;

    // CHATHISTORY LATEST <target> <* | msgid=<id> | timestamp=<time>> <limit>
    // CHATHISTORY BEFORE|AFTER|AROUND <target> <msgid=<id> | timestamp=<time>> <limit>
    // CHATHISTORY BETWEEN <target> <reference> <reference> <limit>
    // CHATHISTORY TARGETS <timestamp=...> <timestamp=...> <limit>
    private async ValueTask ChathistoryAsync(IrcMessage message, CancellationToken aborted)
    {
        var subcommand = message[0].ToUpperInvariant();
        var needed = subcommand switch
        {
            "LATEST" or "BEFORE" or "AFTER" or "AROUND" or "TARGETS" => 4,
            "BETWEEN" => 5,
            _ => 0,
        };
        if (subcommand.Length == 0 || (needed > 0 && message.Parameters.Count < needed))
        {
            Fail("CHATHISTORY", "NEED_MORE_PARAMS", subcommand.Length == 0 ? "*" : subcommand, "Not enough parameters");
            return;
        }

        if (needed == 0)
        {
            Fail("CHATHISTORY", "INVALID_PARAMS", subcommand, "Unknown subcommand (LATEST, BEFORE, AFTER, AROUND, BETWEEN, TARGETS)");
            return;
        }

        if (subcommand == "TARGETS")
        {
            await TargetsAsync(message, aborted).ConfigureAwait(false);
            return;
        }

        var target = message[1];
        if (!_hub.HistoryEnabled)
        {
            HistoryFail("MESSAGE_ERROR", subcommand, target, "This server keeps no history");
            return;
        }

        if (!int.TryParse(message[needed - 1], NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit < 1)
        {
            Fail("CHATHISTORY", "INVALID_PARAMS", subcommand, "The limit must be a positive number");
            return;
        }

        limit = Math.Min(limit, HistoryRange.MaxLimit);
        var first = TryParseReference(message[2], allowStar: subcommand == "LATEST");
        var second = needed == 5 ? TryParseReference(message[3], allowStar: false) : default(MessageReference?);
        if (first is not { } from || (needed == 5 && second is null))
        {
            Fail("CHATHISTORY", "INVALID_PARAMS", subcommand, "References are msgid=<id>, timestamp=<YYYY-MM-DDThh:mm:ss.sssZ> or * (LATEST)");
            return;
        }

        Flush();
        try
        {
            await AnswerHistoryAsync(subcommand, target, from, second ?? default, limit, aborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogHistoryFailed(Who, ex);
            HistoryFail("MESSAGE_ERROR", subcommand, target, "History could not be read; try again later");
        }
    }

    private async ValueTask AnswerHistoryAsync(
        string subcommand, string target, MessageReference from, MessageReference to, int limit, CancellationToken aborted)
    {
        List<HistoryEntry> entries = [];
        HistoryRange range = subcommand switch
        {
            "LATEST" when from.IsStar => HistoryRange.Latest(limit),
            "LATEST" => Above(new HistoryRange(long.MaxValue, null, limit), from),
            "BEFORE" => Below(new HistoryRange(null, null, limit), from),
            "AFTER" => Above(new HistoryRange(null, null, limit) { FromOldest = true }, from),
            "BETWEEN" when IsBefore(from, to) => Below(Above(new HistoryRange(null, null, limit) { FromOldest = true }, from), to),
            "BETWEEN" => Above(Below(new HistoryRange(null, null, limit), from), to),

            // AROUND: the reference and the messages before it, then those after it up to the limit.
            _ => Below(new HistoryRange(null, null, (limit + 1) / 2), from.Next),
        };
        if (!await ReadPageAsync(subcommand, target, range, entries, aborted).ConfigureAwait(false))
        {
            return;
        }

        if (subcommand == "AROUND" && entries.Count < limit
            && !await ReadPageAsync(subcommand, target, Above(new HistoryRange(null, null, limit - entries.Count) { FromOldest = true }, from), entries, aborted).ConfigureAwait(false))
        {
            return;
        }

        var batch = OpenHistoryBatch("chathistory", _historyTarget ?? target);
        foreach (var entry in entries)
        {
            IrcHistoryLines.Write(_out, _encoder, entry, batch);
        }

        CloseHistoryBatch(batch);
    }

    /// <summary>Opens a history batch of <paramref name="type"/> when the client negotiated batches; its id, or null.</summary>
    private string? OpenHistoryBatch(string type, params string[] parameters)
    {
        if (!_batch)
        {
            return null;
        }

        var batch = "H" + (++_historyBatches).ToString(CultureInfo.InvariantCulture);

        // Labeled: the batch is the answer, so its opening line takes the label (a batch cannot nest in another).
        var label = _holding ? _label : null;
        _heldIsOneBatch = label is not null;
        IrcWriter.Write(_out, label is null ? null : "label=" + label, ServerName, "BATCH", ["+" + batch, type, .. parameters]);
        return batch;
    }

    private void CloseHistoryBatch(string? batch)
    {
        if (batch is not null)
        {
            IrcWriter.Write(_out, null, ServerName, "BATCH", ["-" + batch]);
        }
    }

    /// <summary>Reads one page into <paramref name="entries"/>; false (after a FAIL) when the member may not read it.</summary>
    private async ValueTask<bool> ReadPageAsync(string subcommand, string target, HistoryRange range, List<HistoryEntry> entries, CancellationToken aborted)
    {
        var isRoom = target.StartsWith('#');
        var answer = await _hub.ReadHistoryAsync(_member!, isRoom ? target : null, isRoom ? null : target, range, aborted).ConfigureAwait(false);
        if (answer.Page is not { } page)
        {
            HistoryFail(answer.ErrorCode == ErrorCodes.NotInRoom ? "INVALID_TARGET" : "MESSAGE_ERROR", subcommand, target, answer.ErrorText ?? "No history");
            return false;
        }

        _historyTarget = page.Room ?? target;
        var at = entries.Count > 0 && page.Entries.Count > 0 && page.Entries[0].Id < entries[0].Id ? 0 : entries.Count;
        entries.InsertRange(at, page.Entries);
        return true;
    }

    private void HistoryFail(string code, string subcommand, string target, string description) =>
        Line(ServerName, "FAIL", ["CHATHISTORY", code, subcommand, target, description], trailing: true);

    /// <summary>The range bounded below by <paramref name="reference"/> (exclusive): after its id, or after the
    /// millisecond of its time (server-time shows milliseconds; a store may keep finer times).</summary>
    private static HistoryRange Above(HistoryRange range, MessageReference reference) => reference.Id is { } id
        ? range with { After = id }
        : range with { Since = reference.Time!.Value + Millisecond };

    /// <summary>The range bounded above by <paramref name="reference"/> (exclusive).</summary>
    private static HistoryRange Below(HistoryRange range, MessageReference reference) => reference.Id is { } id
        ? range with { Before = id }
        : range with { Until = reference.Time!.Value };

    /// <summary>Whether a BETWEEN runs forward; mixed references (an id and a time) are read forward.</summary>
    private static bool IsBefore(MessageReference from, MessageReference to) =>
        from.Id is { } a && to.Id is { } b ? a < b
        : from.Time is { } t && to.Time is { } u ? t < u
        : true;

    private static MessageReference? TryParseReference(string text, bool allowStar)
    {
        if (text == "*")
        {
            return allowStar ? new MessageReference(null, null) : null;
        }

        if (text.StartsWith("msgid=", StringComparison.Ordinal))
        {
            return long.TryParse(text.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
                ? new MessageReference(id, null)
                : null;
        }

        if (text.StartsWith("timestamp=", StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text.AsSpan(10), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return new MessageReference(null, time);
        }

        return null;
    }

    /// <summary>A CHATHISTORY reference: a message id, a time, or neither (<c>*</c>).</summary>
    private readonly record struct MessageReference(long? Id, DateTimeOffset? Time)
    {
        public bool IsStar => Id is null && Time is null;

        /// <summary>The bound just past this reference, so that a range below it includes it.</summary>
        public MessageReference Next => Id is { } id ? new(id + 1, null) : new(null, Time!.Value + Millisecond);
    }
}
