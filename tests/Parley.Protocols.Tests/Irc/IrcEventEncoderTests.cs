using System.Text;

using Parley.Core.Events;
using Parley.Protocols.Irc;

namespace Parley.Protocols.Tests.Irc;

public sealed class IrcEventEncoderTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 1, 2, 3, 456, TimeSpan.Zero);

    public static TheoryData<string, string> Events() => new()
    {
        { "message", ":alice!alice@parley PRIVMSG #general :hi there\r\n" },
        { "direct", ":alice!alice@parley PRIVMSG bob :psst\r\n" },
        { "notice", ":alice!alice@parley NOTICE #general :fyi\r\n" },
        { "joined", ":alice!alice@parley JOIN #general\r\n" },
        { "part", ":alice!alice@parley PART #general\r\n" },
        { "part-reason", ":alice!alice@parley PART #general :gone home\r\n" },
        { "quit", ":alice!alice@parley QUIT :Quit: bye\r\n" },
        { "lost", ":alice!alice@parley QUIT :connection closed\r\n" },
        { "renamed", ":alice!alice@parley NICK alicia\r\n" },
        { "topic", ":alice!alice@parley TOPIC #general :new topic\r\n" },
        { "kicked", ":alice!alice@parley KICK #general bob :spam\r\n" },
        { "mode", ":alice!alice@parley MODE #general +o-v bob carol\r\n" },
        { "invited", ":alice!alice@parley INVITE bob #den\r\n" },
        { "away", ":alice!alice@parley AWAY :lunch\r\n" },
        { "back", ":alice!alice@parley AWAY\r\n" },
        { "shutdown", "ERROR :Server is shutting down.\r\n" },
        { "forged", ":alice!alice@parley PRIVMSG #general :one\r\n:alice!alice@parley PRIVMSG #general :QUIT :two\r\n" },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void Events_are_IRC_lines(string name, string expected)
    {
        Assert.Equal(expected, Encoding.UTF8.GetString(IrcEventEncoder.Plain.Encode(Create(name)).Span));
    }

    [Fact]
    public void Server_time_adds_the_time_tag()
    {
        var bytes = IrcEventEncoder.WithServerTime.Encode(Create("message"));

        Assert.Equal("@time=2026-11-22T01:02:03.456Z :alice!alice@parley PRIVMSG #general :hi there\r\n", Encoding.UTF8.GetString(bytes.Span));
        Assert.NotEqual(IrcEventEncoder.Plain.Format.Id, IrcEventEncoder.WithServerTime.Format.Id);
    }

    [Fact]
    public void Long_text_from_other_protocols_is_split_into_lines_of_at_most_512_bytes()
    {
        var text = string.Concat(Enumerable.Repeat("héllo wörld ", 300));
        var posted = new MessagePosted(1, 0, "#general", "alice", text, At);

        var lines = Encoding.UTF8.GetString(IrcEventEncoder.Plain.Encode(posted).Span).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.True(lines.Length > 1);
        Assert.All(lines, l => Assert.True(Encoding.UTF8.GetByteCount(l) + 2 <= 512, l));
        Assert.Equal(text, string.Concat(lines.Select(l => l[(l.IndexOf(" :", StringComparison.Ordinal) + 2)..])));
    }

    [Fact]
    public void A_client_sized_text_that_overflows_with_the_source_is_cut_not_split()
    {
        var text = new string('a', 490);
        var posted = new MessagePosted(1, 0, "#general", "alice", text, At);

        var line = Encoding.UTF8.GetString(IrcEventEncoder.Plain.Encode(posted).Span);

        Assert.Single(line.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(512, Encoding.UTF8.GetByteCount(line));
    }

    private static ChatEvent Create(string name) => name switch
    {
        "message" => new MessagePosted(1, 0, "#general", "alice", "hi there", At),
        "direct" => new DirectMessageSent(2, 0, "alice", "bob", "psst", At),
        "notice" => new NoticeMessage("alice", "#general", null, "fyi", At),
        "joined" => new MemberJoined("#general", "alice", At),
        "part" => new MemberLeft("#general", "alice", "part", At),
        "part-reason" => new MemberLeft("#general", "alice", "part: gone home", At),
        "quit" => new MemberLeft("#general", "alice", "quit: bye", At),
        "lost" => new MemberLeft("#general", "alice", "connection closed", At),
        "renamed" => new MemberRenamed("alice", "alicia", At),
        "topic" => new TopicChanged("#general", "alice", "new topic", At),
        "kicked" => new MemberKicked("#general", "alice", "bob", "spam", At),
        "mode" => new RoomModeChanged("#general", "alice", "+o-v bob carol", At),
        "invited" => new MemberInvited("#den", "alice", "bob", At),
        "away" => new AwayChanged("alice", "lunch", At),
        "back" => new AwayChanged("alice", null, At),
        "shutdown" => new ServerShutdown("Server is shutting down.", At),
        "forged" => new MessagePosted(1, 0, "#general", "alice", "one\r\nQUIT :two", At),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
