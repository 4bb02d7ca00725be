using System.Text;

using Parley.Core.Events;

namespace Parley.Core.Tests.Events;

public sealed class ChatEventTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void GetEncoded_encodes_once_per_format_and_returns_the_cached_bytes()
    {
        var chatEvent = new Notice(NoticeKind.Info, "hello", Time);
        var first = new CountingEncoder(TestFormats.First);
        var second = new CountingEncoder(TestFormats.Second);

        var a1 = chatEvent.GetEncoded(first);
        var b1 = chatEvent.GetEncoded(second);
        var a2 = chatEvent.GetEncoded(first);
        var b2 = chatEvent.GetEncoded(second);

        Assert.Equal((1, 1), (first.Calls, second.Calls));
        Assert.Equal("Notice/test-first", Encoding.UTF8.GetString(a1.Span));
        Assert.Equal("Notice/test-second", Encoding.UTF8.GetString(b1.Span));
        Assert.True(a1.Equals(a2), "the second call returns the cached memory");
        Assert.True(b1.Equals(b2), "the second call returns the cached memory");
    }

    [Fact]
    public void GetEncoded_caches_an_empty_encoding_too()
    {
        var chatEvent = new MemberJoined("#general", "bob", Time);
        var encoder = new CountingEncoder(TestFormats.Third, encodesNothing: true);

        Assert.True(chatEvent.GetEncoded(encoder).IsEmpty);
        Assert.True(chatEvent.GetEncoded(encoder).IsEmpty);

        Assert.Equal(1, encoder.Calls);
    }

    [Fact]
    public void GetEncoded_caches_per_event()
    {
        var encoder = new CountingEncoder(TestFormats.First);
        var one = new MemberJoined("#general", "bob", Time);
        var two = new MemberLeft("#general", "bob", "quit", Time);

        one.GetEncoded(encoder);
        two.GetEncoded(encoder);
        one.GetEncoded(encoder);

        Assert.Equal(2, encoder.Calls);
        Assert.Equal("MemberLeft/test-first", Encoding.UTF8.GetString(two.GetEncoded(encoder).Span));
    }

    [Fact]
    public void GetEncoded_from_racing_writers_returns_the_same_bytes_to_all()
    {
        var chatEvent = new Notice(NoticeKind.Info, "hello", Time);
        var encoder = new CountingEncoder(TestFormats.Second);

        var results = new string[64];
        Parallel.For(0, results.Length, i => results[i] = Encoding.UTF8.GetString(chatEvent.GetEncoded(encoder).Span));

        Assert.All(results, r => Assert.Equal("Notice/test-second", r));
        Assert.InRange(encoder.Calls, 1, results.Length);
    }

    [Fact]
    public void NoticeKind_numbers_are_pinned()
    {
        Assert.Equal(
            [(0, "Info"), (1, "Welcome"), (2, "Goodbye"), (3, "Weather"), (4, "Who"), (5, "Rooms"), (6, "Help"), (7, "History"), (8, "Account")],
            Enum.GetValues<NoticeKind>().Select(k => ((int)k, k.ToString())));
    }
}
