using Parley.Core.Commands;
using Parley.Core.Events;
using Parley.Core.Tests.Hub;

namespace Parley.Core.Tests.Commands;

/// <summary>The NICK-room tutorial's commands (/USERS, /NICK, /EXIT), any case, on every protocol.</summary>
public sealed class TutorialCommandTests
{
    [Theory]
    [InlineData("/users")]
    [InlineData("/USERS")]
    public async Task Users_lists_everyone_here_like_who(string input)
    {
        var harness = new HubHarness();
        var members = harness.RegisterQuietly("alice", "bob");

        Assert.Equal(InputOutcome.Continue, await harness.InputAsync(members[0].Member, input));

        var notice = members[0].Sink.Single<Notice>();
        Assert.Equal((NoticeKind.Who, "In #general (2): alice, bob"), (notice.Kind, notice.Text));
        Assert.Empty(members[1].Sink.Events);
    }

    [Theory]
    [InlineData("/nick carol")]
    [InlineData("/NICK carol")]
    public async Task Nick_renames_and_tells_the_room_and_the_member(string input)
    {
        var harness = new HubHarness();
        var members = harness.RegisterQuietly("alice", "bob");

        await harness.InputAsync(members[0].Member, input);

        Assert.Equal("carol", members[0].Member.Nick);
        var own = members[0].Sink.Single<MemberRenamed>();
        Assert.Equal(("alice", "carol"), (own.OldNick, own.NewNick));
        Assert.Equal(("alice", "carol"), (members[1].Sink.Single<MemberRenamed>().OldNick, members[1].Sink.Single<MemberRenamed>().NewNick));
        Assert.Null(harness.Hub.Find("alice"));
    }

    [Fact]
    public async Task Nick_that_is_taken_or_invalid_is_refused_with_its_code()
    {
        var harness = new HubHarness();
        var members = harness.RegisterQuietly("alice", "bob");

        await harness.InputAsync(members[0].Member, "/NICK BOB");
        Assert.Equal(ErrorCodes.NickTaken, members[0].Sink.Single<ErrorNotice>().Code);
        members[0].Sink.Clear();

        await harness.InputAsync(members[0].Member, "/nick 9lives");
        Assert.Equal(ErrorCodes.NickInvalid, members[0].Sink.Single<ErrorNotice>().Code);
        members[0].Sink.Clear();

        await harness.InputAsync(members[0].Member, "/nick");
        Assert.Equal(ErrorCodes.BadSyntax, members[0].Sink.Single<ErrorNotice>().Code);
        Assert.Equal("alice", members[0].Member.Nick);
        Assert.Empty(members[1].Sink.Events);
    }

    [Theory]
    [InlineData("/exit")]
    [InlineData("/EXIT")]
    public async Task Exit_answers_exiting_and_quits(string input)
    {
        var harness = new HubHarness();
        var members = harness.RegisterQuietly("alice");

        Assert.Equal(InputOutcome.Quit, await harness.InputAsync(members[0].Member, input));
        var notice = members[0].Sink.Single<Notice>();
        Assert.Equal((NoticeKind.Goodbye, "EXITING"), (notice.Kind, notice.Text));
    }
}
