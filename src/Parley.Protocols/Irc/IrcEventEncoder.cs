using System.Buffers;
using System.Globalization;
using System.Text;

using Parley.Core.Events;

namespace Parley.Protocols.Irc;

/// <summary>
/// Hub events as IRC lines, encoded once per event and shared by every IRC recipient of that form: four forms, with
/// or without the IRCv3 <c>server-time</c> tag and with or without <c>message-tags</c> (a <c>msgid</c> and the
/// sender's client-only tags; TAGMSG is written only in those forms). Long or multi-line text becomes several lines,
/// each at most 512 bytes without its tags. Events addressed to one member whose IRC form names the recipient (server
/// notices) are written by the session (<see cref="WriteServerNotice"/>); here they read as <c>NOTICE *</c>.
/// </summary>
public sealed class IrcEventEncoder : IEventEncoder
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _scratch;

    private IrcEventEncoder(bool serverTime, bool messageTags, string name)
    {
        ServerTime = serverTime;
        MessageTags = messageTags;
        Format = WireFormat.Register(name);
    }

    public static IrcEventEncoder Plain { get; } = new(false, false, "irc");

    public static IrcEventEncoder WithServerTime { get; } = new(true, false, "irc-time");

    private static IrcEventEncoder WithTags { get; } = new(false, true, "irc-tags");

    private static IrcEventEncoder WithTimeAndTags { get; } = new(true, true, "irc-time-tags");

    public bool ServerTime { get; }

    /// <summary>IRCv3 <c>message-tags</c>: msgid and client-only tags on messages, and TAGMSG.</summary>
    public bool MessageTags { get; }

    public WireFormat Format { get; }

    public static IrcEventEncoder For(bool serverTime, bool messageTags) => (serverTime, messageTags) switch
    {
        (false, false) => Plain,
        (true, false) => WithServerTime,
        (false, true) => WithTags,
        _ => WithTimeAndTags,
    };

    public ReadOnlyMemory<byte> Encode(ChatEvent chatEvent)
    {
        ArgumentNullException.ThrowIfNull(chatEvent);
        var output = _scratch ??= new ArrayBufferWriter<byte>(512);
        output.ResetWrittenCount();
        Write(output, chatEvent);
        var bytes = output.WrittenSpan.ToArray();
        if (output.Capacity > 64 * 1024)
        {
            _scratch = null;
        }

        return bytes;
    }

    /// <summary>Writes <paramref name="chatEvent"/>'s lines (none when IRC does not show it).</summary>
    public void Write(IBufferWriter<byte> output, ChatEvent chatEvent)
    {
        ArgumentNullException.ThrowIfNull(chatEvent);
        var tags = ServerTime ? IrcWriter.TimeTag(chatEvent.Time) : null;
        switch (chatEvent)
        {
            case MessagePosted m:
                WriteText(output, Tagged(tags, m.Id, m.ClientTags), IrcNames.Source(m.Sender), "PRIVMSG", m.Room, m.Text);
                break;
            case DirectMessageSent d:
                WriteText(output, Tagged(tags, d.Id, d.ClientTags), IrcNames.Source(d.Sender), "PRIVMSG", d.Recipient, d.Text);
                break;
            case NoticeMessage n:
                WriteText(output, Tagged(tags, 0, n.ClientTags), IrcNames.Source(n.Sender), "NOTICE", n.Room ?? n.Recipient ?? "*", n.Text);
                break;
            case TagMessage t when MessageTags:
                IrcWriter.Write(output, Tagged(tags, t.Id, t.ClientTags), IrcNames.Source(t.Sender), "TAGMSG", [t.Room ?? t.Recipient ?? "*"]);
                break;
            case MemberJoined j:
                IrcWriter.Write(output, tags, IrcNames.Source(j.Nick), "JOIN", [j.Room]);
                break;
            case MemberLeft l when l.Reason == "part":
                IrcWriter.Write(output, tags, IrcNames.Source(l.Nick), "PART", [l.Room]);
                break;
            case MemberLeft l when l.Reason.StartsWith(PartPrefix, StringComparison.Ordinal):
                IrcWriter.Write(output, tags, IrcNames.Source(l.Nick), "PART", [l.Room, l.Reason[PartPrefix.Length..]], trailing: true);
                break;
            case MemberLeft l:
                IrcWriter.Write(output, tags, IrcNames.Source(l.Nick), "QUIT", [QuitReason(l.Reason)], trailing: true);
                break;
            case MemberRenamed r:
                IrcWriter.Write(output, tags, IrcNames.Source(r.OldNick), "NICK", [r.NewNick]);
                break;
            case TopicChanged t:
                IrcWriter.Write(output, tags, IrcNames.Source(t.Nick), "TOPIC", [t.Room, t.Topic], trailing: true);
                break;
            case MemberKicked k:
                IrcWriter.Write(output, tags, IrcNames.Source(k.By), "KICK", [k.Room, k.Nick, k.Reason], trailing: true);
                break;
            case RoomModeChanged c:
                WriteMode(output, tags, c);
                break;
            case MemberInvited i:
                IrcWriter.Write(output, tags, IrcNames.Source(i.By), "INVITE", [i.Nick, i.Room]);
                break;
            case AwayChanged { Message: { } message } a:
                IrcWriter.Write(output, tags, IrcNames.Source(a.Nick), "AWAY", [message], trailing: true);
                break;
            case AwayChanged a:
                IrcWriter.Write(output, tags, IrcNames.Source(a.Nick), "AWAY", []);
                break;
            case Notice n:
                WriteServerNotice(output, tags, IrcNames.ServerName, "*", n.Text);
                break;
            case ErrorNotice e:
                IrcWriter.Write(output, null, null, "ERROR", [e.Text], trailing: true);
                break;
            case ServerShutdown s:
                IrcWriter.Write(output, null, null, "ERROR", [s.Text], trailing: true);
                break;
        }
    }

    /// <summary>The tags of a message in this form: server-time, then (message-tags only) its msgid when it has one and
    /// the sender's client-only tags.</summary>
    private string? Tagged(string? tags, long id, string? clientTags)
    {
        if (!MessageTags)
        {
            return tags;
        }

        if (id > 0)
        {
            tags = (tags is null ? string.Empty : tags + ";") + "msgid=" + id.ToString(CultureInfo.InvariantCulture);
        }

        return string.IsNullOrEmpty(clientTags) ? tags : (tags is null ? clientTags : tags + ";" + clientTags);
    }

    /// <summary>The part reason the hub records for a PART with a message (<c>part: going home</c>).</summary>
    public const string PartPrefix = "part: ";

    /// <summary>The quit reason the hub records for an IRC QUIT with a message (<c>quit: bye</c>).</summary>
    public const string QuitPrefix = "quit: ";

    /// <summary>A server notice to <paramref name="target"/>, one NOTICE per line of <paramref name="text"/>.</summary>
    public static void WriteServerNotice(IBufferWriter<byte> output, string? tags, string serverName, string target, string text) =>
        WriteText(output, tags, serverName, "NOTICE", target, text);

    private static string QuitReason(string reason) => reason switch
    {
        "quit" => "Quit",
        _ when reason.StartsWith(QuitPrefix, StringComparison.Ordinal) => "Quit: " + reason[QuitPrefix.Length..],
        _ => reason,
    };

    private static void WriteMode(IBufferWriter<byte> output, string? tags, RoomModeChanged change)
    {
        var parts = change.Modes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var parameters = new string[parts.Length + 1];
        parameters[0] = change.Room;
        parts.CopyTo(parameters, 1);
        IrcWriter.Write(output, tags, IrcNames.Source(change.By), "MODE", parameters);
    }

    /// <summary>
    /// One line per line of <paramref name="text"/>, each within 512 bytes. A line that does not fit once the source is
    /// added is cut when it is no longer than a client's own line could be (510 bytes: as ngIRCd and InspIRCd do), and
    /// split over several lines when longer (a JSON user's message runs to 4096 bytes). Empty lines are skipped.
    /// </summary>
    private static void WriteText(IBufferWriter<byte> output, string? tags, string source, string command, string target, string text)
    {
        var room = IrcLimits.LineBytes - 2 - (1 + Encoding.UTF8.GetByteCount(source) + 1 + command.Length + 1 + Encoding.UTF8.GetByteCount(target) + 2);
        room = Math.Max(room, 64);
        if (text.Length <= room / 4 && !text.Contains('\n', StringComparison.Ordinal))
        {
            IrcWriter.Write(output, tags, source, command, [target, text.TrimEnd('\r')], trailing: true);
            return;
        }

        var wrote = false;
        foreach (var line in text.Split('\n'))
        {
            var rest = line.TrimEnd('\r');
            var cut = Encoding.UTF8.GetByteCount(rest) <= IrcLimits.LineBytes - 2;
            while (rest.Length > 0)
            {
                var take = Fit(rest, room);
                IrcWriter.Write(output, tags, source, command, [target, rest[..take]], trailing: true);
                rest = cut ? string.Empty : rest[take..];
                wrote = true;
            }
        }

        if (!wrote)
        {
            IrcWriter.Write(output, tags, source, command, [target, string.Empty], trailing: true);
        }
    }

    private static int Fit(string text, int maxBytes)
    {
        var bytes = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(text.AsSpan(i, width));
            if (bytes + size > maxBytes)
            {
                return Math.Max(i, 1);
            }

            bytes += size;
            i += width - 1;
        }

        return text.Length;
    }
}
