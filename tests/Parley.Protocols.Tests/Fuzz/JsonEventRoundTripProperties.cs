using CsCheck;

using Parley.Core.Events;
using Parley.Protocols.Json;
using Parley.Protocols.Tests.Json;

namespace Parley.Protocols.Tests.Fuzz;

/// <summary>Server → client JSON: every event type (channel events and notices included) encodes to exactly one frame that parses back to the same fields,
/// whatever its text holds, and a stream of them parses the same however it is split.</summary>
public sealed class JsonEventRoundTripProperties
{
    private static readonly Gen<ChatEvent> Event = Gen.OneOf<ChatEvent>(
        Gen.Select(Gen.Long[1, long.MaxValue], Gen.Long[0, long.MaxValue], WireGen.Room, WireGen.Nick, WireGen.HostileText, WireGen.Time,
            static (id, seq, room, nick, text, time) => new MessagePosted(id, seq, room, nick, text, time)),
        Gen.Select(Gen.Long[1, long.MaxValue], Gen.Long[0, long.MaxValue], WireGen.Nick, WireGen.Nick, WireGen.HostileText, WireGen.Time,
            static (id, seq, from, to, text, time) => new DirectMessageSent(id, seq, from, to, text, time)),
        Gen.Select(WireGen.Room, WireGen.Nick, WireGen.Time, static (room, nick, time) => new MemberJoined(room, nick, time)),
        Gen.Select(WireGen.Room, WireGen.Nick, WireGen.HostileText, WireGen.Time, static (room, nick, reason, time) => new MemberLeft(room, nick, reason, time)),
        Gen.Select(WireGen.Nick, WireGen.Nick, WireGen.Time, static (from, to, time) => new MemberRenamed(from, to, time)),
        Gen.Select(Gen.Enum<NoticeKind>(), WireGen.HostileText, WireGen.Time, static (kind, text, time) => new Notice(kind, text, time)),
        Gen.Select(Gen.OneOf(ErrorCodes.NickTaken, ErrorCodes.NickInvalid, ErrorCodes.NotRegistered), WireGen.HostileText, WireGen.Time,
            static (code, text, time) => new ErrorNotice(code, text, time)),
        Gen.Select(WireGen.HostileText, WireGen.Time, static (text, time) => new ServerShutdown(text, time)),
        Gen.Select(WireGen.Nick, WireGen.Room.Null(), WireGen.Nick, WireGen.HostileText, WireGen.Time,
            static (from, room, to, text, time) => new NoticeMessage(from, room, room is null ? to : null, text, time)),
        Gen.Select(WireGen.Room, WireGen.Nick, WireGen.HostileText, WireGen.Time, static (room, nick, topic, time) => new TopicChanged(room, nick, topic, time)),
        Gen.Select(WireGen.Room, WireGen.Nick, WireGen.Nick, WireGen.HostileText, WireGen.Time, static (room, by, nick, reason, time) => new MemberKicked(room, by, nick, reason, time)),
        Gen.Select(WireGen.Room, WireGen.Nick, WireGen.HostileText, WireGen.Time, static (room, by, modes, time) => new RoomModeChanged(room, by, modes, time)),
        Gen.Select(WireGen.Room, WireGen.Nick, WireGen.Nick, WireGen.Time, static (room, by, nick, time) => new MemberInvited(room, by, nick, time)),
        Gen.Select(WireGen.Nick, WireGen.HostileText.Null(), WireGen.Time, static (nick, message, time) => new AwayChanged(nick, message, time)));

    [Fact]
    public void Every_event_encodes_to_one_frame_that_parses_back_to_its_fields()
    {
        Property.Check(Event, static chatEvent =>
        {
            var bytes = JsonEventEncoder.Instance.Encode(chatEvent).ToArray();
            Assert.Equal((byte)'\n', bytes[^1]);
            Assert.Equal(1, bytes.Count(static b => b == (byte)'\n'));
            var frame = Assert.Single(ReaderDriver.ReadAll(new JsonServerFrameParser(), Segments.Of(bytes)));
            Assert.Equal(JsonFrameErrorKind.None, frame.FrameError);
            Assert.Equal(chatEvent.Time, frame.Time);
            AssertFields(chatEvent, frame);
        });
    }

    [Fact]
    public void A_stream_of_events_parses_the_same_however_it_is_split()
    {
        var gen = Event.Array[1, 10].Select(static events => events.SelectMany(static e => JsonEventEncoder.Instance.Encode(e).ToArray()).ToArray())
            .SelectMany(static bytes => WireGen.Cuts(bytes.Length).Select(cuts => (bytes, cuts)));
        Property.Check(gen, static input =>
        {
            var whole = ReaderDriver.ReadAll(new JsonServerFrameParser(), Segments.Of(input.bytes));
            var split = ReaderDriver.Feed(new JsonServerFrameParser(), input.bytes, input.cuts);
            Assert.Equal(input.bytes.Count(static b => b == (byte)'\n'), whole.Count);
            Assert.Equal(whole.Select(static f => (f.Type, f.User, f.Message, f.Text, f.Id, f.Time)), split.Select(static f => (f.Type, f.User, f.Message, f.Text, f.Id, f.Time)));
        }, corpus: 100);
    }

    private static void AssertFields(ChatEvent chatEvent, ServerFrame frame)
    {
        switch (chatEvent)
        {
            case MessagePosted m:
                Assert.Equal((ServerFrameType.Message, m.Id, m.Seq, m.Room, m.Sender, m.Text), (frame.Type, frame.Id!.Value, frame.Seq!.Value, frame.Room, frame.User, frame.Message));
                break;
            case DirectMessageSent d:
                Assert.Equal((ServerFrameType.Direct, d.Id, d.Seq, d.Sender, d.Recipient, d.Text), (frame.Type, frame.Id!.Value, frame.Seq!.Value, frame.User, frame.To, frame.Message));
                break;
            case MemberJoined j:
                Assert.Equal((ServerFrameType.Joined, j.Room, j.Nick), (frame.Type, frame.Room, frame.User));
                break;
            case MemberLeft l:
                Assert.Equal((ServerFrameType.Left, l.Room, l.Nick, l.Reason), (frame.Type, frame.Room, frame.User, frame.Reason));
                break;
            case MemberRenamed r:
                Assert.Equal(("renamed", r.OldNick, r.NewNick), (frame.TypeName, frame.User, frame.To));
                break;
            case Notice n:
                Assert.Equal((ServerFrameType.Notice, n.Kind.ToString().ToLowerInvariant(), n.Text), (frame.Type, frame.Kind, frame.Text));
                break;
            case ErrorNotice e:
                Assert.Equal((ServerFrameType.Error, e.Code, e.Text), (frame.Type, frame.Code, frame.Text));
                break;
            case ServerShutdown s:
                Assert.Equal((ServerFrameType.Shutdown, s.Text), (frame.Type, frame.Text));
                break;
            case NoticeMessage n:
                Assert.Equal((n.Room is null ? ServerFrameType.Direct : ServerFrameType.Message, n.Sender, n.Text, n.Room, n.Recipient), (frame.Type, frame.User, frame.Message, frame.Room, frame.To));
                break;
            case TopicChanged t:
                Assert.Equal(("topic", t.Room, t.Nick, t.Topic), (frame.TypeName, frame.Room, frame.User, frame.Text));
                break;
            case MemberKicked k:
                Assert.Equal((ServerFrameType.Left, k.Room, k.Nick, $"kicked by {k.By}: {k.Reason}"), (frame.Type, frame.Room, frame.User, frame.Reason));
                break;
            case RoomModeChanged c:
                Assert.Equal(("mode", c.Room, c.By, c.Modes), (frame.TypeName, frame.Room, frame.User, frame.Text));
                break;
            case MemberInvited i:
                Assert.Equal(("invited", i.Room, i.By), (frame.TypeName, frame.Room, frame.User));
                break;
            case AwayChanged a:
                Assert.Equal(("away", a.Nick, a.Message), (frame.TypeName, frame.User, frame.Text));
                break;
            default:
                Assert.Fail($"no round-trip rule for {chatEvent.GetType().Name}");
                break;
        }
    }
}
