using System.Text;

using Parley.Core.Events;
using Parley.Core.History;
using Parley.Core.Text;

namespace Parley.Protocols.Text;

/// <summary>
/// Events as the seed dialects show them: "nick: text" (prompted) or "@nick: text" (registered), "nick joined!",
/// "nick left", "error: ...", notices verbatim. Line framings end every line with the client's terminator;
/// the unframed framing sends each event as one write without a terminator (lines inside joined by "\n").
/// The ASCII charset transliterates (Parley.Core.Text.AsciiText) for clients that cannot decode anything else.
/// </summary>
public sealed class TextEventEncoder : IEventEncoder
{
    private static readonly Encoding Utf8 = new UTF8Encoding(false);
    private static readonly TextEventEncoder[] Encoders = CreateAll();
    private readonly string _terminator;

    private TextEventEncoder(TextDialect dialect, TextFraming framing, TextCharset charset)
    {
        Dialect = dialect;
        Framing = framing;
        Charset = charset;
        Format = WireFormat.Register($"text-{dialect}-{framing}{(charset == TextCharset.Ascii ? "-ascii" : string.Empty)}".ToLowerInvariant());
        _terminator = framing switch
        {
            TextFraming.Lf => "\n",
            TextFraming.CrLf => "\r\n",
            _ => string.Empty,
        };
    }

    public TextDialect Dialect { get; }

    public TextFraming Framing { get; }

    public TextCharset Charset { get; }

    public WireFormat Format { get; }

    public static TextEventEncoder For(TextDialect dialect, TextFraming framing, TextCharset charset = TextCharset.Utf8) =>
        Encoders[(((int)dialect * 3) + (int)framing) * 2 + (int)charset];

    public ReadOnlyMemory<byte> Encode(ChatEvent chatEvent) => chatEvent switch
    {
        MessagePosted m => Frame(Sender(m.Sender) + ": " + OneLine(m.Text)),
        DirectMessageSent d => Frame(Sender(d.Sender) + " (private): " + OneLine(d.Text)),
        // Text-dialect members stay in the default room, so the room goes unsaid, as in the seed texts.
        MemberJoined j => Frame(j.Nick + " joined!"),
        MemberLeft l => Frame(l.Nick + " left"),
        // The renamed member's own copy is the NICK-room tutorial's answer to /NICK, byte for byte.
        MemberRenamed { IsOwn: true } r => Frame("NICKNAME CHANGED TO " + r.NewNick),
        MemberRenamed r => Frame(r.OldNick + " is now known as " + r.NewNick),
        // Replays only where a reader can tell them from live chat: line-framed clients, with a time prefix; unframed
        // clients would parse "[2026-...] alice: hi" as a live message. The retention notice never: the seed
        // handshakes are byte-exact, and it would come before their welcome line (/history answers instead).
        HistoryMessage h => _terminator.Length == 0 ? ReadOnlyMemory<byte>.Empty : Frame(HistoryText.Prefix(h.Entry.Time) + Sender(h.Entry.Sender) + (h.Entry.IsDirect ? " (private): " : ": ") + OneLine(h.Entry.Text)),
        Notice { Kind: NoticeKind.History } => ReadOnlyMemory<byte>.Empty,
        HistoryPage p => Frame(string.Join('\n', p.Entries.Select(e => HistoryText.Line(e, withPlace: p.IsSearch)))),
        Notice n => Frame(n.Text),
        ErrorNotice { IsBare: true } e => Frame(e.Text),
        ErrorNotice e => Frame("error: " + e.Text),
        ServerShutdown s => Frame(Dialect == TextDialect.Registered ? TextReplies.ServerDisconnect : s.Text),
        _ => ReadOnlyMemory<byte>.Empty,
    };

    /// <summary>A reply the session writes itself (handshake answers), framed like events.</summary>
    public ReadOnlyMemory<byte> Frame(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Control characters are shown as caret notation (Parley.Core.Text.TerminalText): whatever another
        // protocol carried, a text client's terminal never receives a raw ESC, CR, BEL or bidi override.
        text = TerminalText.NeutralizeLines(text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n')).TrimEnd('\n');
        if (Charset == TextCharset.Ascii)
        {
            text = AsciiText.Transliterate(text);
        }

        if (_terminator.Length == 0)
        {
            return Utf8.GetBytes(text);
        }

        var framed = new StringBuilder(text.Length + 8);
        foreach (var line in text.Split('\n'))
        {
            framed.Append(line).Append(_terminator);
        }

        return Utf8.GetBytes(framed.ToString());
    }

    private string Sender(string nick) => Dialect == TextDialect.Registered ? "@" + nick : nick;

    // Chat text is one line in these dialects; a newline from another protocol must not forge a second message.
    private static string OneLine(string text) =>
        text.Contains('\n', StringComparison.Ordinal) || text.Contains('\r', StringComparison.Ordinal)
            ? text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ')
            : text;

    private static TextEventEncoder[] CreateAll()
    {
        var all = new TextEventEncoder[12];
        foreach (var dialect in Enum.GetValues<TextDialect>())
        {
            foreach (var framing in Enum.GetValues<TextFraming>())
            {
                foreach (var charset in Enum.GetValues<TextCharset>())
                {
                    all[(((int)dialect * 3) + (int)framing) * 2 + (int)charset] = new TextEventEncoder(dialect, framing, charset);
                }
            }
        }

        return all;
    }
}
