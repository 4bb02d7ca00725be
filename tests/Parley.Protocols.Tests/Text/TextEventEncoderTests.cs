using System.Text;

using Parley.Core.Events;
using Parley.Protocols.Text;

namespace Parley.Protocols.Tests.Text;

/// <summary>Pins the bytes of every event in every dialect and framing: third-party clients compare them.</summary>
public sealed class TextEventEncoderTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    // Event, then the expected text for Prompted and for Registered, written with "\n" between lines; the
    // framings are derived below (unframed: as is; Lf/CrLf: every line terminated).
    private static readonly (string Name, ChatEvent Event, string Prompted, string Registered)[] Events =
    [
        ("message", new MessagePosted(1, 0, "#general", "alice", "hi", Time), "alice: hi", "@alice: hi"),
        ("message-utf8", new MessagePosted(2, 1, "#general", "alice", "héllo ✓", Time), "alice: héllo ✓", "@alice: héllo ✓"),
        ("message-newlines", new MessagePosted(3, 2, "#general", "bob", "one\r\ntwo\nthree\rfour", Time), "bob: one two three four", "@bob: one two three four"),
        ("message-other-room", new MessagePosted(4, 3, "#rust", "alice", "hi", Time), "alice: hi", "@alice: hi"),
        ("direct", new DirectMessageSent(5, 0, "alice", "bob", "psst", Time), "alice (private): psst", "@alice (private): psst"),
        ("direct-newline", new DirectMessageSent(6, 1, "alice", "bob", "a\nb", Time), "alice (private): a b", "@alice (private): a b"),
        ("joined", new MemberJoined("#general", "bob", Time), "bob joined!", "bob joined!"),
        ("joined-other-room", new MemberJoined("#rust", "bob", Time), "bob joined!", "bob joined!"),
        ("left", new MemberLeft("#general", "bob", "quit", Time), "bob left", "bob left"),
        ("left-other-room", new MemberLeft("#rust", "bob", "part", Time), "bob left", "bob left"),
        ("notice", new Notice(NoticeKind.Welcome, "Connected to server!", Time), "Connected to server!", "Connected to server!"),
        ("notice-multiline", new Notice(NoticeKind.Help, "Commands:\n/help  list\n/quit  leave", Time), "Commands:\n/help  list\n/quit  leave", "Commands:\n/help  list\n/quit  leave"),
        ("goodbye", new Notice(NoticeKind.Goodbye, "Bye from Server", Time), "Bye from Server", "Bye from Server"),
        ("error", new ErrorNotice(ErrorCodes.NoSuchNick, "Nobody is called zed.", Time), "error: Nobody is called zed.", "error: Nobody is called zed."),
        ("renamed", new MemberRenamed("sub5000", "sam", Time), "sub5000 is now known as sam", "sub5000 is now known as sam"),
        ("renamed-own", new MemberRenamed("dave", "davy", Time, isOwn: true), "NICKNAME CHANGED TO davy", "NICKNAME CHANGED TO davy"),
        ("error-bare", new ErrorNotice(ErrorCodes.NickTaken, "NICKNAME IN USE", Time, isBare: true), "NICKNAME IN USE", "NICKNAME IN USE"),
        ("shutdown", new ServerShutdown("Server is shutting down.", Time), "Server is shutting down.", "DISCONNECT CHAT/1.0"),
    ];

    public static TheoryData<string, TextDialect, TextFraming, string> EveryCombination()
    {
        var data = new TheoryData<string, TextDialect, TextFraming, string>();
        foreach (var (name, _, prompted, registered) in Events)
        {
            foreach (var dialect in Enum.GetValues<TextDialect>())
            {
                var text = dialect == TextDialect.Prompted ? prompted : registered;
                data.Add(name, dialect, TextFraming.Unframed, text);
                data.Add(name, dialect, TextFraming.Lf, text.Replace("\n", "\n", StringComparison.Ordinal) + "\n");
                data.Add(name, dialect, TextFraming.CrLf, text.Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public void Encodes_the_exact_wire_bytes(string eventName, TextDialect dialect, TextFraming framing, string expected)
    {
        var chatEvent = Events.Single(e => e.Name == eventName).Event;

        var bytes = TextEventEncoder.For(dialect, framing).Encode(chatEvent);

        Assert.Equal(Encoding.UTF8.GetBytes(expected), bytes.ToArray());
    }

    [Theory]
    [InlineData(TextDialect.Prompted, TextFraming.Unframed, "alice: hi")]
    [InlineData(TextDialect.Registered, TextFraming.Lf, "@alice: hi\n")]
    [InlineData(TextDialect.Registered, TextFraming.CrLf, "@alice: hi\r\n")]
    public void Pinned_bytes_for_a_message(TextDialect dialect, TextFraming framing, string expected)
    {
        var bytes = TextEventEncoder.For(dialect, framing).Encode(new MessagePosted(1, 0, "#general", "alice", "hi", Time));

        Assert.Equal(expected, Encoding.UTF8.GetString(bytes.Span));
    }

    [Fact]
    public void Unknown_events_encode_to_nothing()
    {
        foreach (var dialect in Enum.GetValues<TextDialect>())
        {
            foreach (var framing in Enum.GetValues<TextFraming>())
            {
                Assert.True(TextEventEncoder.For(dialect, framing).Encode(new OtherEvent(Time)).IsEmpty);
            }
        }
    }

    [Theory]
    [InlineData(TextFraming.Unframed, "NICK", "NICK")]
    [InlineData(TextFraming.Lf, "200 Registration successful", "200 Registration successful\n")]
    [InlineData(TextFraming.CrLf, "400 Invalid registration", "400 Invalid registration\r\n")]
    [InlineData(TextFraming.CrLf, "one\r\ntwo", "one\r\ntwo\r\n")]
    [InlineData(TextFraming.Lf, "one\r\ntwo", "one\ntwo\n")]
    public void Frame_terminates_every_line_with_the_clients_terminator(TextFraming framing, string text, string expected)
    {
        var bytes = TextEventEncoder.For(TextDialect.Prompted, framing).Frame(text);

        Assert.Equal(expected, Encoding.UTF8.GetString(bytes.Span));
    }

    [Fact]
    public void There_is_one_encoder_per_dialect_and_framing_each_with_its_own_format()
    {
        var encoders = Enum.GetValues<TextDialect>()
            .SelectMany(d => Enum.GetValues<TextFraming>().Select(f => (d, f, Encoder: TextEventEncoder.For(d, f))))
            .ToArray();

        Assert.Equal(6, encoders.Length);
        Assert.All(encoders, e => Assert.Same(e.Encoder, TextEventEncoder.For(e.d, e.f)));
        Assert.All(encoders, e => Assert.Equal((e.d, e.f), (e.Encoder.Dialect, e.Encoder.Framing)));
        Assert.Equal(6, encoders.Select(e => e.Encoder.Format.Id).Distinct().Count());
        Assert.Equal(
            ["text-prompted-unframed", "text-prompted-lf", "text-prompted-crlf", "text-registered-unframed", "text-registered-lf", "text-registered-crlf"],
            encoders.Select(e => e.Encoder.Format.Name));
    }

    [Fact]
    public void GetEncoded_shares_one_encoding_per_format()
    {
        var chatEvent = new MessagePosted(1, 0, "#general", "alice", "hi", Time);
        var crlf = TextEventEncoder.For(TextDialect.Prompted, TextFraming.CrLf);
        var lf = TextEventEncoder.For(TextDialect.Prompted, TextFraming.Lf);

        var first = chatEvent.GetEncoded(crlf);

        Assert.True(first.Equals(chatEvent.GetEncoded(crlf)));
        Assert.Equal("alice: hi\n", Encoding.UTF8.GetString(chatEvent.GetEncoded(lf).Span));
        Assert.Equal("alice: hi\r\n", Encoding.UTF8.GetString(first.Span));
    }

    [Theory]
    [InlineData(TextDialect.Prompted, TextFraming.Unframed, "bob: cafe ?? - \"ok\"")]
    [InlineData(TextDialect.Registered, TextFraming.Lf, "@bob: cafe ?? - \"ok\"\n")]
    public void Ascii_charset_transliterates_what_others_wrote(TextDialect dialect, TextFraming framing, string expected)
    {
        var bytes = TextEventEncoder.For(dialect, framing, TextCharset.Ascii).Encode(new MessagePosted(1, 0, "#general", "bob", "café 日本 — “ok”", Time));
        Assert.Equal(expected, Encoding.ASCII.GetString(bytes.Span));
        Assert.All(bytes.ToArray(), b => Assert.True(b < 0x80));
    }

    [Fact]
    public void Ascii_charset_keeps_server_text_readable()
    {
        var weather = new Notice(NoticeKind.Weather, "Mon 2025-07-14: high 91°F (33°C), low 72°F (22°C)", Time);
        var bytes = TextEventEncoder.For(TextDialect.Prompted, TextFraming.Unframed, TextCharset.Ascii).Encode(weather);
        Assert.Equal("Mon 2025-07-14: high 91 F (33 C), low 72 F (22 C)", Encoding.ASCII.GetString(bytes.Span));
    }
}
