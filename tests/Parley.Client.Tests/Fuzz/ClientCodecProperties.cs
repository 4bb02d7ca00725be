using System.Buffers;

using CsCheck;

using Parley.Client.Connections;
using Parley.Core.Events;
using Parley.Protocols.Json;
using Parley.Protocols.Tests.Fuzz;
using Parley.Protocols.Text;

namespace Parley.Client.Tests.Fuzz;

/// <summary>
/// The client's codecs against the server's: what the client writes the server reads field for field, and what the
/// server writes in any text dialect the client reads as one message from its real sender, whatever the text holds
/// (a newline followed by "bob: hi" must never become a line from bob).
/// </summary>
public sealed class ClientCodecProperties
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static readonly Gen<TextEventEncoder> AnyTextEncoder = Gen.Select(
        Gen.Enum<TextDialect>(), Gen.Enum<TextFraming>(), Gen.Enum<TextCharset>(), static (d, f, c) => TextEventEncoder.For(d, f, c));

    [Fact]
    public void A_message_in_any_text_dialect_is_one_message_from_its_sender_whatever_its_text()
    {
        var gen = Gen.Select(AnyTextEncoder, WireGen.Nick, WireGen.HostileText, Gen.Bool, static (encoder, nick, text, direct) => (encoder, nick, text, direct));
        Property.Check(gen, static input =>
        {
            ChatEvent chatEvent = input.direct
                ? new DirectMessageSent(1, 1, input.nick, "someone", input.text, At)
                : new MessagePosted(1, 1, "#general", input.nick, input.text, At);
            var message = Assert.IsType<MessageReceived>(ParseOneLine(input.encoder, chatEvent));
            Assert.Equal((input.nick, input.direct), (message.From, message.IsPrivate));
        }, corpus: 400);
    }

    [Fact]
    public void Printable_text_survives_every_utf8_text_dialect_unchanged()
    {
        var gen = Gen.Select(Gen.Enum<TextDialect>(), Gen.Enum<TextFraming>(), WireGen.Nick, WireGen.PrintableText, static (d, f, nick, text) => (d, f, nick, text));
        Property.Check(gen, static input =>
        {
            var encoder = TextEventEncoder.For(input.d, input.f, TextCharset.Utf8);
            var message = Assert.IsType<MessageReceived>(ParseOneLine(encoder, new MessagePosted(1, 1, "#general", input.nick, input.text, At)));
            Assert.Equal(input.text, message.Text);
        });
    }

    [Fact]
    public void What_the_client_writes_the_server_reads_field_for_field()
    {
        var gen = Gen.Select(Gen.Int[0, 3], WireGen.Nick, WireGen.Room, WireGen.HostileText, static (kind, nick, room, text) => (kind, nick, room, text));
        Property.Check(gen, static input =>
        {
            var buffer = new ArrayBufferWriter<byte>();
            switch (input.kind)
            {
                case 0: JsonRequestWriter.WriteMessage(buffer, input.text); break;
                case 1: JsonRequestWriter.WriteDirect(buffer, input.nick, input.text); break;
                case 2: JsonRequestWriter.WriteJoin(buffer, input.room); break;
                default: JsonRequestWriter.WriteHello(buffer, input.nick); break;
            }

            var reader = new JsonFrameReader(64 * 1024);
            var sequence = new ReadOnlySequence<byte>(buffer.WrittenMemory);
            SequencePosition consumed = sequence.Start, examined = sequence.End;
            Assert.True(reader.TryParse(sequence, ref consumed, ref examined, out var frame));
            Assert.Equal("\n", System.Text.Encoding.UTF8.GetString(sequence.Slice(consumed).ToArray()));
            Assert.False(frame.IsError, frame.ErrorMessage);
            var request = frame.Request!;
            switch (input.kind)
            {
                case 0: Assert.Equal((ClientRequestKind.Message, input.text), (request.Kind, request.Message)); break;
                case 1: Assert.Equal((ClientRequestKind.DirectMessage, input.nick, input.text), (request.Kind, request.To, request.Message)); break;
                case 2: Assert.Equal((ClientRequestKind.Join, input.room), (request.Kind, request.Room)); break;
                default: Assert.Equal((ClientRequestKind.Hello, input.nick), (request.Kind, request.User)); break;
            }
        });
    }

    /// <summary>The encoded event must be one line (one write for unframed clients); returns the client's reading of it.</summary>
    private static ClientEvent ParseOneLine(TextEventEncoder encoder, ChatEvent chatEvent)
    {
        var wire = System.Text.Encoding.UTF8.GetString(encoder.Encode(chatEvent).Span);
        var line = wire.EndsWith('\n') ? wire[..^1] : wire;
        line = line.EndsWith('\r') ? line[..^1] : line;
        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain('\r', line);
        Assert.DoesNotContain(line, static c => char.IsControl(c));
        return TextLineParser.Parse(line, encoder.Dialect);
    }
}
