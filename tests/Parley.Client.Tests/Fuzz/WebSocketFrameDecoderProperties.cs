using System.Buffers.Binary;
using System.Text;

using CsCheck;

using Parley.Client.Bench;
using Parley.Protocols.Tests.Fuzz;

namespace Parley.Client.Tests.Fuzz;

/// <summary>
/// The bench's in-place WebSocket frame decoder (the one client-side reader of binary framing): server messages in
/// every length form, fragmented and with control frames between, decode to their lines however the reads split
/// them; any bytes at all, split anywhere, never throw and decode the same.
/// </summary>
public sealed class WebSocketFrameDecoderProperties
{
    /// <summary>A message's text (no raw newline, as the server's never holds one) and how it is framed: in how many
    /// fragments, with pings between, and whether each header uses a longer length form than it needs.</summary>
    private static readonly Gen<(string Text, int Fragments, bool Pings, bool Wide)> Message = Gen.Select(
        Gen.Frequency((4, WireGen.PrintableText), (1, Gen.Int[100, 70_000].Select(static n => new string('w', n)))),
        Gen.Int[1, 4], Gen.Bool, Gen.Bool);

    [Fact]
    public void Messages_in_any_framing_decode_to_their_lines_however_the_reads_split()
    {
        var gen = Message.Array[1, 6].SelectMany(static messages =>
        {
            var bytes = messages.SelectMany(static m => Frames(m.Text, m.Fragments, m.Pings, m.Wide)).ToArray();
            return WireGen.Cuts(bytes.Length).Select(cuts => (messages, bytes, cuts));
        });
        Property.Check(gen, static input =>
        {
            var (lines, closed) = DecodeAll(input.bytes, input.cuts);
            Assert.False(closed);
            Assert.Equal(string.Concat(input.messages.Select(static m => m.Text + "\n")), lines);
        }, corpus: 150);
    }

    [Fact]
    public void Any_bytes_split_anywhere_never_throw_and_decode_the_same()
    {
        var header = Gen.Select(Gen.Byte, Gen.OneOf(Gen.Byte, Gen.Const((byte)126), Gen.Const((byte)127), Gen.Const((byte)0xFF)))
            .Select(static h => new[] { h.Item1, h.Item2 });
        var chunk = Gen.Frequency((2, WireGen.FramingByte.Array[0, 40]), (1, header), (1, Gen.Byte.Array[8, 8]));
        var gen = chunk.Array[1, 30].Select(static parts => parts.SelectMany(static p => p).ToArray())
            .SelectMany(static bytes => WireGen.Cuts(bytes.Length).Select(cuts => (bytes, cuts)));
        Property.Check(gen, static input =>
            Assert.Equal(DecodeAll(input.bytes, [input.bytes.Length]), DecodeAll(input.bytes, input.cuts)));
    }

    /// <summary>A 64-bit length with its top bit set is negative as a long: the decoder threw (or, when its low 32 bits
    /// made a small int, took a 1-byte frame); found by the property above. A length no buffer can hold can never
    /// complete: the stream ends there.</summary>
    [Fact]
    public void A_64_bit_length_beyond_any_buffer_ends_the_stream_instead_of_throwing()
    {
        byte[] negative = [0x81, 127, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, (byte)'x'];
        byte[] truncated = [0x81, 127, 0x80, 0, 0, 0, 0, 0, 0, 1, (byte)'x'];
        byte[] huge = [0x81, 127, 0, 0, 0, 1, 0, 0, 0, 0, (byte)'x'];
        foreach (var bytes in new[] { negative, truncated, huge })
        {
            var (lines, closed) = DecodeAll([0x81, 0x02, (byte)'o', (byte)'k', .. bytes], [3, 9]);
            Assert.Equal("ok\n", lines);
            Assert.True(closed);
        }
    }

    /// <summary>Plays the bench's read loop: each read lands after the undecoded rest, then the decoder runs.</summary>
    private static (string Lines, bool Closed) DecodeAll(byte[] bytes, IEnumerable<int> cuts)
    {
        var decoder = new WebSocketFrameDecoder();
        var buffer = new byte[bytes.Length + 16];
        var lines = 0;
        var end = 0;
        var start = 0;
        foreach (var cut in cuts.Append(bytes.Length).Where(c => c > 0 && c <= bytes.Length).Distinct().Order())
        {
            bytes.AsSpan(start, cut - start).CopyTo(buffer.AsSpan(end));
            end += cut - start;
            start = cut;
            lines = decoder.Decode(buffer, lines, ref end);
            Assert.InRange(lines, 0, end);
        }

        return (Encoding.UTF8.GetString(buffer, 0, lines), decoder.Closed);
    }

    private static IEnumerable<byte> Frames(string text, int fragments, bool pings, bool wide)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        var size = Math.Max(1, (payload.Length + fragments - 1) / fragments);
        var pieces = payload.Chunk(size).ToList();
        if (pieces.Count == 0)
        {
            pieces.Add([]);
        }

        for (var i = 0; i < pieces.Count; i++)
        {
            if (pings && i > 0)
            {
                foreach (var b in Frame(0x89, "ping"u8.ToArray(), wide))
                {
                    yield return b;
                }
            }

            var first = (byte)((i == pieces.Count - 1 ? 0x80 : 0) | (i == 0 ? 0x1 : 0x0));
            foreach (var b in Frame(first, pieces[i], wide))
            {
                yield return b;
            }
        }
    }

    /// <summary>A frame with the shortest length form, or with the next longer one when <paramref name="wide"/>.</summary>
    private static byte[] Frame(byte first, byte[] payload, bool wide)
    {
        var form = Math.Min(2, (payload.Length <= 125 ? 0 : payload.Length <= ushort.MaxValue ? 1 : 2) + (wide ? 1 : 0));
        byte[] header = form switch
        {
            0 => [first, (byte)payload.Length],
            1 => [first, 126, (byte)(payload.Length >> 8), (byte)payload.Length],
            _ => [first, 127, 0, 0, 0, 0, 0, 0, 0, 0],
        };
        if (form == 2)
        {
            BinaryPrimitives.WriteUInt64BigEndian(header.AsSpan(2), (ulong)payload.Length);
        }

        return [.. header, .. payload];
    }
}
