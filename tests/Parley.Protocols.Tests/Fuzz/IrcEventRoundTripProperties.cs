using System.Globalization;
using System.Text;

using CsCheck;

using Parley.Core.Events;
using Parley.Protocols.Irc;
using Parley.Protocols.Tests.Json;

namespace Parley.Protocols.Tests.Fuzz;

/// <summary>
/// Server → IRC client: every event type encodes to lines that an IRC parser (ours) reads back to the event's
/// fields, in both forms (plain and with <c>server-time</c>); whatever a text holds, every line stays within 512
/// bytes and names the event's real source, so no text can forge a line from someone else.
/// </summary>
public sealed class IrcEventRoundTripProperties
{
    private static readonly Gen<IrcEventEncoder> AnyEncoder = Gen.OneOf(IrcEventEncoder.Plain, IrcEventEncoder.WithServerTime);

    /// <summary>Mode changes as the hub writes them: letters with signs, then their arguments.</summary>
    private static readonly Gen<string> Modes = Gen.Select(Gen.String[Gen.Char["+-ovkimnt"], 1, 6], WireGen.Nick.Array[0, 4],
        static (letters, args) => string.Join(' ', [letters, .. args]));

    /// <summary>Every event type with hostile texts (short, as the IRC session's TOPICLEN/KICKLEN/AWAYLEN keep them).</summary>
    private static readonly Gen<ChatEvent> Event = Gen.OneOf<ChatEvent>(
        Gen.Select(WireGen.Room, WireGen.Nick, WireGen.HostileText, WireGen.Time, static (room, nick, text, time) => new MessagePosted(1, 1, room, nick, text, time)),
        Gen.Select(WireGen.Nick, WireGen.Nick, WireGen.HostileText, WireGen.Time, static (from, to, text, time) => new DirectMessageSent(1, 1, from, to, text, time)),
        Gen.Select(WireGen.Nick, WireGen.Room.Null(), WireGen.Nick, WireGen.HostileText, WireGen.Time,
            static (from, room, to, text, time) => new NoticeMessage(from, room, room is null ? to : null, text, time)),
        Gen.Select(WireGen.Room, WireGen.Nick, WireGen.Time, static (room, nick, time) => new MemberJoined(room, nick, time)),
        Gen.Select(WireGen.Room, WireGen.Nick, LeaveReason, WireGen.Time, static (room, nick, reason, time) => new MemberLeft(room, nick, reason, time)),
        Gen.Select(WireGen.Nick, WireGen.Nick, WireGen.Time, static (from, to, time) => new MemberRenamed(from, to, time)),
        Gen.Select(WireGen.Room, WireGen.Nick, WireGen.HostileText, WireGen.Time, static (room, nick, topic, time) => new TopicChanged(room, nick, topic, time)),
        Gen.Select(WireGen.Room, WireGen.Nick, WireGen.Nick, WireGen.HostileText, WireGen.Time, static (room, by, nick, reason, time) => new MemberKicked(room, by, nick, reason, time)),
        Gen.Select(WireGen.Room, WireGen.Nick, Modes, WireGen.Time, static (room, by, modes, time) => new RoomModeChanged(room, by, modes, time)),
        Gen.Select(WireGen.Room, WireGen.Nick, WireGen.Nick, WireGen.Time, static (room, by, nick, time) => new MemberInvited(room, by, nick, time)),
        Gen.Select(WireGen.Nick, WireGen.HostileText.Null(), WireGen.Time, static (nick, message, time) => new AwayChanged(nick, message, time)),
        Gen.Select(Gen.Enum<NoticeKind>(), WireGen.HostileText, WireGen.Time, static (kind, text, time) => new Notice(kind, text, time)),
        Gen.Select(WireGen.HostileText, WireGen.Time, static (text, time) => new ErrorNotice(ErrorCodes.BadSyntax, text, time)),
        Gen.Select(WireGen.HostileText, WireGen.Time, static (text, time) => new ServerShutdown(text, time)));

    private static Gen<string> LeaveReason => Gen.OneOf(
        Gen.Const("part"), Gen.Const("quit"), Gen.Const("disconnected"),
        WireGen.HostileText.Select(static t => IrcEventEncoder.PartPrefix + t), WireGen.HostileText.Select(static t => IrcEventEncoder.QuitPrefix + t));

    [Fact]
    public void Every_event_reads_back_as_lines_from_its_real_source_within_the_limits()
    {
        Property.Check(Gen.Select(Event, AnyEncoder), static input =>
        {
            var (chatEvent, encoder) = input;
            var lines = Read(encoder, chatEvent);
            Assert.NotEmpty(lines);
            Assert.All(lines, line =>
            {
                var message = line.Message!;
                IrcLineReaderProperties.AssertWellFormed(line);
                Assert.Equal(ExpectedSource(chatEvent), message.Source);
                Assert.Equal(encoder.ServerTime && chatEvent is not (ErrorNotice or ServerShutdown) ? TimeTag(chatEvent.Time) : null, message.Tags);
            });
            AssertFields(chatEvent, lines.Select(static l => l.Message!).ToList());
        }, corpus: 400);
    }

    /// <summary>Printable text of any length keeps every character: in one line when it fits, else in pieces that join
    /// back to it (a line longer than a client's own 510 bytes); in between it is cut, as ngIRCd and InspIRCd do.</summary>
    [Fact]
    public void A_printable_message_of_any_length_survives_or_is_cut_only_where_documented()
    {
        var text = WireGen.PrintableText.Array[1, 60].Select(static parts => string.Join(' ', parts));
        var gen = Gen.Select(AnyEncoder, WireGen.Room, WireGen.Nick, text, static (encoder, room, nick, t) => (encoder, room, nick, t));
        Property.Check(gen, static input =>
        {
            var lines = Read(input.encoder, new MessagePosted(1, 1, input.room, input.nick, input.t, DateTimeOffset.UnixEpoch));
            Assert.All(lines, static l => Assert.Equal(2, l.Message!.Parameters.Count));
            var joined = string.Concat(lines.Select(static l => l.Message![1]));
            var bytes = Encoding.UTF8.GetByteCount(input.t);
            if (lines.Count == 1 && joined != input.t)
            {
                Assert.InRange(bytes, 1, IrcLimits.LineBytes - 2);
                Assert.StartsWith(joined, input.t, StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal(input.t, joined);
            }
        });
    }

    [Fact]
    public void A_stream_of_encoded_events_reads_the_same_however_it_is_split()
    {
        var gen = Gen.Select(Event.Array[1, 8], AnyEncoder)
            .Select(static input => input.Item1.SelectMany(e => input.Item2.Encode(e).ToArray()).ToArray())
            .SelectMany(static bytes => WireGen.Cuts(bytes.Length).Select(cuts => (bytes, cuts)));
        Property.Check(gen, static input =>
            Assert.Equal(
                ReaderDriver.ReadAll(new IrcLineReader(), Segments.Of(input.bytes)).Select(IrcLineReaderProperties.Describe),
                ReaderDriver.Feed(new IrcLineReader(), input.bytes, input.cuts).Select(IrcLineReaderProperties.Describe)),
            corpus: 100);
    }

    private static List<IrcLine> Read(IrcEventEncoder encoder, ChatEvent chatEvent)
    {
        var bytes = encoder.Encode(chatEvent).ToArray();
        var lines = ReaderDriver.ReadAll(new IrcLineReader(), Segments.Of(bytes));
        Assert.All(lines, static l => Assert.Equal(IrcLineError.None, l.Error));
        Assert.Equal(bytes.Count(static b => b == (byte)'\n'), lines.Count);
        return lines;
    }

    private static string TimeTag(DateTimeOffset time) =>
        "time=" + time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string? ExpectedSource(ChatEvent chatEvent) => chatEvent switch
    {
        MessagePosted m => IrcNames.Source(m.Sender),
        DirectMessageSent d => IrcNames.Source(d.Sender),
        NoticeMessage n => IrcNames.Source(n.Sender),
        MemberJoined j => IrcNames.Source(j.Nick),
        MemberLeft l => IrcNames.Source(l.Nick),
        MemberRenamed r => IrcNames.Source(r.OldNick),
        TopicChanged t => IrcNames.Source(t.Nick),
        MemberKicked k => IrcNames.Source(k.By),
        RoomModeChanged c => IrcNames.Source(c.By),
        MemberInvited i => IrcNames.Source(i.By),
        AwayChanged a => IrcNames.Source(a.Nick),
        Notice => IrcNames.ServerName,
        _ => null,
    };

    /// <summary>What a client reads of a text: CR, LF and NUL inside a parameter are spaces.</summary>
    private static string Flat(string text) => text.Replace('\r', ' ').Replace('\n', ' ').Replace('\0', ' ');

    private static void AssertFields(ChatEvent chatEvent, List<IrcMessage> lines)
    {
        var first = lines[0];
        switch (chatEvent)
        {
            case MessagePosted or DirectMessageSent or NoticeMessage or Notice:
                var (command, target, text) = chatEvent switch
                {
                    MessagePosted m => ("PRIVMSG", m.Room, m.Text),
                    DirectMessageSent d => ("PRIVMSG", d.Recipient, d.Text),
                    NoticeMessage n => ("NOTICE", n.Room ?? n.Recipient!, n.Text),
                    Notice n => ("NOTICE", "*", n.Text),
                    _ => throw new InvalidOperationException(),
                };
                Assert.All(lines, l => Assert.Equal((command, 2, target), (l.Command, l.Parameters.Count, l[0])));
                // Its lines, in order, without the empty ones (one empty line for an empty text). Lines too long for
                // one IRC line are the other property's.
                if (text.Split('\n').Any(static l => Encoding.UTF8.GetByteCount(l) > 300))
                {
                    break;
                }

                var expected = text.Split('\n').Select(static l => Flat(l.TrimEnd('\r'))).Where(static l => l.Length > 0).DefaultIfEmpty(string.Empty);
                Assert.Equal(expected, lines.Select(static l => l[1]));
                break;
            case MemberJoined j:
                Assert.Equal(("JOIN", j.Room), (first.Command, Single(first)));
                break;
            case MemberLeft { Reason: "part" } l:
                Assert.Equal(("PART", l.Room), (first.Command, Single(first)));
                break;
            case MemberLeft l when l.Reason.StartsWith(IrcEventEncoder.PartPrefix, StringComparison.Ordinal):
                Assert.Equal<string[]>(["PART", l.Room, Flat(l.Reason[IrcEventEncoder.PartPrefix.Length..])], [first.Command, .. first.Parameters]);
                break;
            case MemberLeft l:
                var reason = l.Reason == "quit" ? "Quit"
                    : l.Reason.StartsWith(IrcEventEncoder.QuitPrefix, StringComparison.Ordinal) ? "Quit: " + l.Reason[IrcEventEncoder.QuitPrefix.Length..] : l.Reason;
                Assert.Equal<string[]>(["QUIT", Flat(reason)], [first.Command, .. first.Parameters]);
                break;
            case MemberRenamed r:
                Assert.Equal(("NICK", r.NewNick), (first.Command, Single(first)));
                break;
            case TopicChanged t:
                Assert.Equal<string[]>(["TOPIC", t.Room, Flat(t.Topic)], [first.Command, .. first.Parameters]);
                break;
            case MemberKicked k:
                Assert.Equal<string[]>(["KICK", k.Room, k.Nick, Flat(k.Reason)], [first.Command, .. first.Parameters]);
                break;
            case RoomModeChanged c:
                Assert.Equal<string[]>(["MODE", c.Room, .. c.Modes.Split(' ')], [first.Command, .. first.Parameters]);
                break;
            case MemberInvited i:
                Assert.Equal<string[]>(["INVITE", i.Nick, i.Room], [first.Command, .. first.Parameters]);
                break;
            case AwayChanged a:
                Assert.Equal<string[]>(a.Message is null ? ["AWAY"] : ["AWAY", Flat(a.Message)], [first.Command, .. first.Parameters]);
                break;
            case ErrorNotice or ServerShutdown:
                var error = chatEvent is ErrorNotice e ? e.Text : ((ServerShutdown)chatEvent).Text;
                Assert.Equal<string[]>(["ERROR", Flat(error)], [first.Command, .. first.Parameters]);
                break;
            default:
                Assert.Fail($"no round-trip rule for {chatEvent.GetType().Name}");
                break;
        }

        if (chatEvent is not (MessagePosted or DirectMessageSent or NoticeMessage or Notice))
        {
            Assert.Single(lines);
        }
    }

    private static string Single(IrcMessage message) => Assert.Single(message.Parameters);
}
