using System.Text;

using Parley.Client.Bench;

namespace Parley.Client.Tests.Bench;

public sealed class BenchPayloadTests
{
    [Theory]
    [InlineData(0L, 18)]
    [InlineData(1L, 64)]
    [InlineData(123_456_789_012_345L, 100)]
    [InlineData(long.MaxValue, 18)]
    public void WrittenTimestampsReadBack(long timestamp, int size)
    {
        var payload = new byte[size];
        BenchPayload.Write(payload, timestamp, size);

        Assert.True(BenchPayload.TryRead(payload, out var read));
        Assert.Equal(timestamp, read);
        Assert.Equal(size, payload.Length);
        Assert.StartsWith("{T", Encoding.ASCII.GetString(payload), StringComparison.Ordinal);
        Assert.All(payload[BenchPayload.MinimumSize..], b => Assert.Equal((byte)'.', b));
    }

    [Fact]
    public void TheTimestampIsFixedWidthLowerCaseHex()
    {
        var payload = new byte[BenchPayload.MinimumSize];
        BenchPayload.Write(payload, 0xABCL, payload.Length);
        Assert.Equal("{T0000000000000abc", Encoding.ASCII.GetString(payload));
    }

    [Fact]
    public void RewritingTheTimestampKeepsTheRest()
    {
        var payload = new byte[40];
        BenchPayload.Write(payload, 1, payload.Length);
        BenchPayload.WriteTimestamp(payload.AsSpan(2, BenchPayload.TimestampDigits), 0x42);
        Assert.True(BenchPayload.TryRead(payload, out var read));
        Assert.Equal(0x42, read);
        Assert.Equal(40, Encoding.ASCII.GetString(payload).Length);
    }

    [Theory]
    [InlineData("alice: {T00000000000000ff....", 255L)]
    [InlineData("""{"seq":0,"user":"b1","message":"{T0000000000000010..","type":"message"}""", 16L)]
    [InlineData(":bxy1!bxy1@127.0.0.1 PRIVMSG #bench :{T0000000000000001", 1L)]
    [InlineData("{T1234 not hex {T0000000000000002", 2L)]
    public void FindsTheTimestampWhateverFramesIt(string line, long expected)
    {
        Assert.True(BenchPayload.TryRead(Encoding.UTF8.GetBytes(line), out var read));
        Assert.Equal(expected, read);
    }

    [Theory]
    [InlineData("")]
    [InlineData("bob joined!")]
    [InlineData("{T00000000000000")]
    [InlineData("{T000000000000000G")]
    [InlineData("{T000000000000000A")]
    public void LinesWithoutAWholeTimestampAreNotPayloads(string line) =>
        Assert.False(BenchPayload.TryRead(Encoding.UTF8.GetBytes(line), out _));

    [Fact]
    public void APayloadSmallerThanTheTimestampIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BenchPayload.Write(new byte[64], 1, BenchPayload.MinimumSize - 1));
}
