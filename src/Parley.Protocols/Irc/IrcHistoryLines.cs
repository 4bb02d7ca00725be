using System.Buffers;
using System.Globalization;

using Parley.Core.History;

namespace Parley.Protocols.Irc;

/// <summary>
/// Stored messages as IRC lines for CHATHISTORY (IRCv3 draft/chathistory): each a PRIVMSG from its original sender to
/// its room (or, for a direct message, to its recipient), tagged with the batch it belongs to, its original time
/// (server-time) and its msgid (message-tags), in the tags the client negotiated. Long or multi-line text is split as
/// live messages are, each line with the same msgid.
/// </summary>
public static class IrcHistoryLines
{
    public static void Write(IBufferWriter<byte> output, IrcEventEncoder form, HistoryEntry entry, string? batch)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(entry);
        var tags = batch is null ? null : "batch=" + batch;
        if (form.ServerTime)
        {
            tags = (tags is null ? string.Empty : tags + ";") + IrcWriter.TimeTag(entry.Time);
        }

        if (form.MessageTags)
        {
            tags = (tags is null ? string.Empty : tags + ";") + "msgid=" + entry.Id.ToString(CultureInfo.InvariantCulture);
        }

        IrcEventEncoder.WriteText(output, tags, IrcNames.Source(entry.Sender), "PRIVMSG", entry.Room ?? entry.Recipient ?? "*", entry.Text);
    }

    /// <summary>One line of a <c>draft/chathistory-targets</c> batch: <c>CHATHISTORY TARGETS &lt;target&gt; &lt;time&gt;</c>,
    /// the time of the conversation's latest message in server-time's format.</summary>
    public static void WriteTarget(IBufferWriter<byte> output, string source, HistoryTarget target, string? batch)
    {
        ArgumentNullException.ThrowIfNull(target);
        var time = target.Latest.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        IrcWriter.Write(output, batch is null ? null : "batch=" + batch, source, "CHATHISTORY", ["TARGETS", target.Name, time]);
    }
}
