using System.Text;

using Parley.Client.Bench;

namespace Parley.Client.Tests.Bench;

/// <summary>The bench's in-place WebSocket frame decoder: whole, merged, split and control frames.</summary>
public sealed class WebSocketFrameDecoderTests
{
    [Fact]
    public void MergedFramesBecomeLines()
    {
        var input = Concat(Frame(0x81, "{\"a\":1}"), Frame(0x81, "{\"b\":2}"));
        Assert.Equal("{\"a\":1}\n{\"b\":2}\n", DecodeAll([input]));
    }

    [Fact]
    public void FramesSplitAnywhereDecodeTheSame()
    {
        var input = Concat(Frame(0x81, new string('x', 300)), Frame(0x89, "ping"), Frame(0x01, "part-"), Frame(0x80, "end"));
        var expected = new string('x', 300) + "\npart-end\n";
        for (var cut = 1; cut < input.Length; cut++)
        {
            Assert.Equal(expected, DecodeAll([input[..cut], input[cut..]]));
        }

        Assert.Equal(expected, DecodeAll([.. input.Select(b => new[] { b })]));
    }

    [Fact]
    public void ACloseFrameEndsTheStream()
    {
        var decoder = new WebSocketFrameDecoder();
        var buffer = Concat(Frame(0x81, "last"), Frame(0x88, "\u0003\u00e8"), Frame(0x81, "ignored"));
        var end = buffer.Length;
        var lines = decoder.Decode(buffer, 0, ref end);
        Assert.True(decoder.Closed);
        Assert.Equal("last\n", Encoding.UTF8.GetString(buffer, 0, lines));
    }

    [Fact]
    public void TheDialectWritesMaskedTextFramesWithTheShortestLength()
    {
        foreach (var payload in new[] { 40, 100, 200 })
        {
            var dialect = new WebSocketBenchDialect(payload);
            var frame = new byte[payload + dialect.FrameOverhead];
            var length = dialect.WriteMessage(frame, Encoding.ASCII.GetBytes(new string('p', payload)));
            Assert.Equal(frame.Length, length);
            Assert.Equal(0x81, frame[0]);
            Assert.Equal(0x80, frame[1] & 0x80);
            var shortForm = frame[1] & 0x7F;
            if (shortForm <= 125)
            {
                Assert.Equal(length - 2 - 4, shortForm);
            }
            else
            {
                Assert.Equal(126, shortForm);
                Assert.Equal(length - 4 - 4, (frame[2] << 8) | frame[3]);
                Assert.True(length - 8 > 125);
            }
            Assert.Equal((byte)'p', frame[dialect.PayloadOffset]);
            Assert.EndsWith("\"}", Encoding.ASCII.GetString(frame), StringComparison.Ordinal);
        }
    }

    private static string DecodeAll(byte[][] reads)
    {
        var decoder = new WebSocketFrameDecoder();
        var buffer = new byte[4096];
        var lines = 0;
        var end = 0;
        foreach (var read in reads)
        {
            read.CopyTo(buffer, end);
            end += read.Length;
            lines = decoder.Decode(buffer, lines, ref end);
        }

        Assert.Equal(lines, end);
        return Encoding.UTF8.GetString(buffer, 0, lines);
    }

    private static byte[] Frame(byte first, string payload)
    {
        var bytes = Encoding.UTF8.GetBytes(payload);
        byte[] header = bytes.Length <= 125 ? [first, (byte)bytes.Length] : [first, 126, (byte)(bytes.Length >> 8), (byte)bytes.Length];
        return Concat(header, bytes);
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
