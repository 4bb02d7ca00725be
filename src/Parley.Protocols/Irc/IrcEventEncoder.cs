using System.Buffers;
using System.Globalization;
using System.Text;

using Parley.Core.Events;

namespace Parley.Protocols.Irc;

/// <summary>
/// Hub events as IRC lines, encoded once per event and shared by every IRC recipient of that form. A form is a set of
/// IRCv3 features: <c>server-time</c>, <c>message-tags</c> (a <c>msgid</c> and the sender's client-only tags; TAGMSG is
/// written only in those forms), <c>account-tag</c> (<c>account=</c> on what a logged-in member sends) and
/// <c>extended-join</c> (JOIN names the account and real name). The last two change few events: a form asked for an
/// event it writes like a smaller form (no account on it, or not a JOIN) hands out that form's cached bytes, so the
/// per-event cache holds one encoding however many forms share it. Long or multi-line text becomes several lines,
/// each at most 512 bytes without its tags. Events addressed to one member whose IRC form names the recipient (server
/// notices) are written by the session (<see cref="WriteServerNotice"/>); here they read as <c>NOTICE *</c>.
/// </summary>
public sealed class IrcEventEncoder : IEventEncoder
{
    private const int ServerTimeFlag = 1;
    private const int MessageTagsFlag = 2;
    private const int AccountTagFlag = 4;
    private const int ExtendedJoinFlag = 8;

    // Registered on first use, so that forms nobody negotiates take no wire-format id.
    private static readonly IrcEventEncoder?[] Forms = new IrcEventEncoder?[16];
    private static readonly Lock FormsGate = new();

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _scratch;

    private readonly int _flags;

    private IrcEventEncoder(int flags)
    {
        _flags = flags;
        Format = WireFormat.Register(FormName(flags));
    }

    public static IrcEventEncoder Plain { get; } = Form(0);

    public static IrcEventEncoder WithServerTime { get; } = Form(ServerTimeFlag);

    public bool ServerTime => (_flags & ServerTimeFlag) != 0;

    /// <summary>IRCv3 <c>message-tags</c>: msgid and client-only tags on messages, and TAGMSG.</summary>
    public bool MessageTags => (_flags & MessageTagsFlag) != 0;

    /// <summary>IRCv3 <c>account-tag</c>: <c>account=name</c> on messages, JOIN and INVITE of logged-in members.</summary>
    public bool AccountTag => (_flags & AccountTagFlag) != 0;

    /// <summary>IRCv3 <c>extended-join</c>: <c>JOIN #room account|* :real name</c>.</summary>
    public bool ExtendedJoin => (_flags & ExtendedJoinFlag) != 0;

    public WireFormat Format { get; }

    public static IrcEventEncoder For(bool serverTime, bool messageTags, bool accountTag = false, bool extendedJoin = false) =>
        Form((serverTime ? ServerTimeFlag : 0) | (messageTags ? MessageTagsFlag : 0) | (accountTag ? AccountTagFlag : 0) | (extendedJoin ? ExtendedJoinFlag : 0));

    private static IrcEventEncoder Form(int flags)
    {
        if (Volatile.Read(ref Forms[flags]) is { } form)
        {
            return form;
        }

        lock (FormsGate)
        {
            return Forms[flags] ??= new IrcEventEncoder(flags);
        }
    }

    private static string FormName(int flags) =>
        "irc" + ((flags & ServerTimeFlag) != 0 ? "-time" : string.Empty) + ((flags & MessageTagsFlag) != 0 ? "-tags" : string.Empty)
        + ((flags & AccountTagFlag) != 0 ? "-account" : string.Empty) + ((flags & ExtendedJoinFlag) != 0 ? "-xjoin" : string.Empty);

    /// <summary>The smallest form that writes <paramref name="chatEvent"/> as this one does.</summary>
    private IrcEventEncoder FormFor(ChatEvent chatEvent)
    {
        var flags = _flags;
        if ((flags & AccountTagFlag) != 0 && AccountOf(chatEvent) is null)
        {
            flags &= ~AccountTagFlag;
        }

        if ((flags & ExtendedJoinFlag) != 0 && chatEvent is not MemberJoined)
        {
            flags &= ~ExtendedJoinFlag;
        }

        return flags == _flags ? this : Form(flags);
    }

    private static string? AccountOf(ChatEvent chatEvent) => chatEvent switch
    {
        MessagePosted m => m.Account,
        DirectMessageSent d => d.Account,
        NoticeMessage n => n.Account,
        TagMessage t => t.Account,
        MemberJoined j => j.Account,
        MemberInvited i => i.Account,
        _ => null,
    };

    public ReadOnlyMemory<byte> Encode(ChatEvent chatEvent)
    {
        ArgumentNullException.ThrowIfNull(chatEvent);
        if (FormFor(chatEvent) is var form && form != this)
        {
            return chatEvent.GetEncoded(form);
        }

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
                WriteText(output, Tagged(tags, m.Id, m.ClientTags, m.Account), IrcNames.Source(m.Sender), "PRIVMSG", m.Room, m.Text);
                break;
            case DirectMessageSent d:
                WriteText(output, Tagged(tags, d.Id, d.ClientTags, d.Account), IrcNames.Source(d.Sender), "PRIVMSG", d.Recipient, d.Text);
                break;
            case NoticeMessage n:
                WriteText(output, Tagged(tags, 0, n.ClientTags, n.Account), IrcNames.Source(n.Sender), "NOTICE", n.Room ?? n.Recipient ?? "*", n.Text);
                break;
            case TagMessage t when MessageTags:
                IrcWriter.Write(output, Tagged(tags, t.Id, t.ClientTags, t.Account), IrcNames.Source(t.Sender), "TAGMSG", [t.Room ?? t.Recipient ?? "*"]);
                break;
            case MemberJoined j when ExtendedJoin:
                IrcWriter.Write(output, WithAccount(tags, j.Account), IrcNames.Source(j.Nick), "JOIN", [j.Room, j.Account ?? "*", RealNameOf(j)], trailing: true);
                break;
            case MemberJoined j:
                IrcWriter.Write(output, WithAccount(tags, j.Account), IrcNames.Source(j.Nick), "JOIN", [j.Room]);
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
                IrcWriter.Write(output, WithAccount(tags, i.Account), IrcNames.Source(i.By), "INVITE", [i.Nick, i.Room]);
                break;
            case AwayChanged { Message: { } message } a:
                IrcWriter.Write(output, tags, IrcNames.Source(a.Nick), "AWAY", [message], trailing: true);
                break;
            case AwayChanged a:
                IrcWriter.Write(output, tags, IrcNames.Source(a.Nick), "AWAY", []);
                break;
            case AccountChanged a:
                IrcWriter.Write(output, tags, IrcNames.Source(a.Nick), "ACCOUNT", [a.Account ?? "*"]);
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
    /// the sender's client-only tags, then (account-tag only) the sender's account.</summary>
    private string? Tagged(string? tags, long id, string? clientTags, string? account)
    {
        if (MessageTags)
        {
            if (id > 0)
            {
                tags = (tags is null ? string.Empty : tags + ";") + "msgid=" + id.ToString(CultureInfo.InvariantCulture);
            }

            if (!string.IsNullOrEmpty(clientTags))
            {
                tags = tags is null ? clientTags : tags + ";" + clientTags;
            }
        }

        return WithAccount(tags, account);
    }

    /// <summary>Adds <c>account=name</c> in the account-tag forms (account names are nicknames: nothing to escape).</summary>
    private string? WithAccount(string? tags, string? account) =>
        !AccountTag || account is null ? tags : (tags is null ? string.Empty : tags + ";") + "account=" + account;

    /// <summary>The real name in an extended JOIN; members of protocols without one get a placeholder.</summary>
    private static string RealNameOf(MemberJoined joined) => joined.RealName.Length > 0 ? joined.RealName : "Parley user";

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
    internal static void WriteText(IBufferWriter<byte> output, string? tags, string source, string command, string target, string text)
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
