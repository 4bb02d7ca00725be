using Parley.Core.Events;
using Parley.Core.Hub;

namespace Parley.Core.Tests.Hub;

public sealed class ChatHubRegistrationTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("alice")]
    [InlineData("Alice_2")]
    [InlineData("x-[]\\`^{}|_9")]
    [InlineData("abcdefghijklmnopqrstuvwxyzabcd")]
    public void Register_accepts_valid_nicks(string nick)
    {
        var harness = new HubHarness();
        var sink = new RecordingSink();

        var result = harness.Hub.TryRegister(nick, "test", "127.0.0.1", false, sink, out var member);

        Assert.Equal(RegistrationResult.Registered, result);
        Assert.NotNull(member);
        Assert.Equal(nick, member.Nick);
        Assert.Equal(HubOptions.DefaultRoomName, member.CurrentRoom);
        Assert.Same(member, harness.Hub.Find(nick.ToUpperInvariant()));
        Assert.Equal(1, harness.Hub.MemberCount);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1alice")]
    [InlineData("_alice")]
    [InlineData("al ice")]
    [InlineData("alice:")]
    [InlineData("@alice")]
    [InlineData("ali.ce")]
    [InlineData("élodie")]
    [InlineData("alice\n")]
    [InlineData("abcdefghijklmnopqrstuvwxyzabcde")]
    public void Register_refuses_invalid_nicks_and_tells_nobody(string nick)
    {
        var harness = new HubHarness();
        var (_, bobSink) = harness.RegisterQuietly("bob")[0];
        var sink = new RecordingSink();

        var result = harness.Hub.TryRegister(nick, "test", "127.0.0.1", false, sink, out var member);

        Assert.Equal(RegistrationResult.NickInvalid, result);
        Assert.Null(member);
        Assert.Empty(sink.Events);
        Assert.Empty(bobSink.Events);
        Assert.Equal(1, harness.Hub.MemberCount);
    }

    [Fact]
    public void Register_honours_the_configured_nick_length()
    {
        var harness = new HubHarness(new HubOptions { MaxNickLength = 5 });

        Assert.Equal(RegistrationResult.Registered, harness.Hub.TryRegister("abcde", "test", "-", false, new RecordingSink(), out _));
        Assert.Equal(RegistrationResult.NickInvalid, harness.Hub.TryRegister("abcdef", "test", "-", false, new RecordingSink(), out _));
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("ALICE")]
    [InlineData("aLiCe")]
    public void Register_refuses_a_taken_nick_in_any_case(string second)
    {
        var harness = new HubHarness();
        var (alice, aliceSink) = harness.RegisterQuietly("alice")[0];
        var sink = new RecordingSink();

        var result = harness.Hub.TryRegister(second, "test", "127.0.0.1", false, sink, out var member);

        Assert.Equal(RegistrationResult.NickTaken, result);
        Assert.Null(member);
        Assert.Empty(sink.Events);
        Assert.Empty(aliceSink.Events);
        Assert.Same(alice, harness.Hub.Find(second));
    }

    [Fact]
    public void Register_after_shutdown_is_refused()
    {
        var harness = new HubHarness();
        harness.Hub.Shutdown("bye");
        var sink = new RecordingSink();

        var result = harness.Hub.TryRegister("alice", "test", "127.0.0.1", false, sink, out var member);

        Assert.Equal(RegistrationResult.ShuttingDown, result);
        Assert.Null(member);
        Assert.Empty(sink.Events);
        Assert.Equal(0, harness.Hub.MemberCount);
    }

    [Fact]
    public void Newcomer_and_room_are_told_it_joined_after_the_acknowledgement()
    {
        var harness = new HubHarness();
        var (_, aliceSink) = harness.RegisterQuietly("alice")[0];
        var bobSink = new RecordingSink();
        var acknowledgement = new Notice(NoticeKind.Welcome, "ack", harness.Hub.Now);

        harness.Hub.TryRegister("bob", "test", "127.0.0.1", false, bobSink, out _, m => m.Sink.TryDeliver(acknowledgement));

        Assert.Collection(
            bobSink.Events,
            e => Assert.Same(acknowledgement, e),
            e =>
            {
                var joined = Assert.IsType<MemberJoined>(e);
                Assert.Equal(("bob", HubOptions.DefaultRoomName), (joined.Nick, joined.Room));
            });
        var told = aliceSink.Single<MemberJoined>();
        Assert.Same(bobSink.Events[1], told);
        Assert.Equal(HubHarness.Start, told.Time);
    }

    [Fact]
    public void Register_puts_members_in_the_configured_default_room()
    {
        var harness = new HubHarness(new HubOptions { DefaultRoom = "#lobby" });
        var (alice, sink) = harness.Register("alice");

        Assert.Equal("#lobby", alice.CurrentRoom);
        Assert.Equal("#lobby", sink.Single<MemberJoined>().Room);
        Assert.Equal(["alice"], harness.Hub.Who("#lobby"));
    }
}
