using Parley.Core.Events;
using Parley.Core.Hub;

namespace Parley.Core.Tests.Hub;

public sealed class ChatHubRenameTests
{
    [Fact]
    public void Rename_updates_the_nick_table_and_tells_the_room_and_the_member_once()
    {
        var harness = new HubHarness();
        var (sub, subSink) = harness.RegisterQuietly("sub5000")[0];
        var (_, bobSink) = harness.RegisterQuietly("bob")[0];
        subSink.Clear();
        Assert.Null(harness.Hub.Join(sub, "#rust"));
        subSink.Clear();

        Assert.Equal(RenameResult.Renamed, harness.Hub.TryRename(sub, "sam"));

        Assert.Equal("sam", sub.Nick);
        Assert.Same(sub, harness.Hub.Find("SAM"));
        Assert.Null(harness.Hub.Find("sub5000"));
        var told = subSink.Single<MemberRenamed>();
        Assert.Equal(("sub5000", "sam"), (told.OldNick, told.NewNick));
        Assert.Equal("sam", bobSink.Single<MemberRenamed>().NewNick);
    }

    [Fact]
    public void Rename_refuses_a_nick_held_by_someone_else_and_an_invalid_one()
    {
        var harness = new HubHarness();
        var members = harness.RegisterQuietly("sub5000", "bob");
        var (sub, subSink) = members[0];
        var (bob, bobSink) = members[1];

        Assert.Equal(RenameResult.NickTaken, harness.Hub.TryRename(sub, "BOB"));
        Assert.Equal(RenameResult.NickInvalid, harness.Hub.TryRename(sub, "9lives"));
        Assert.Equal(RenameResult.Unchanged, harness.Hub.TryRename(sub, "sub5000"));

        Assert.Equal("sub5000", sub.Nick);
        Assert.Same(bob, harness.Hub.Find("bob"));
        Assert.Empty(subSink.Events);
        Assert.Empty(bobSink.Events);
    }

    [Fact]
    public void A_change_of_case_is_the_members_own_nick()
    {
        var harness = new HubHarness();
        var (sam, _) = harness.RegisterQuietly("sam")[0];

        Assert.Equal(RenameResult.Renamed, harness.Hub.TryRename(sam, "Sam"));
        Assert.Equal("Sam", sam.Nick);
        Assert.Same(sam, harness.Hub.Find("sam"));
    }

    [Fact]
    public void A_renamed_member_leaves_under_its_new_nick_and_frees_it()
    {
        var harness = new HubHarness();
        var (sub, _) = harness.RegisterQuietly("sub5000")[0];
        var (_, bobSink) = harness.RegisterQuietly("bob")[0];
        harness.Hub.TryRename(sub, "sam");
        bobSink.Clear();

        harness.Hub.Leave(sub, "unsubscribed");

        Assert.Equal("sam", bobSink.Single<MemberLeft>().Nick);
        Assert.Null(harness.Hub.Find("sam"));
        Assert.Equal(RenameResult.NotMember, harness.Hub.TryRename(sub, "other"));
        harness.Register("sub5000");
        harness.Register("sam");
    }

    [Fact]
    public void Messages_after_a_rename_carry_the_new_nick()
    {
        var harness = new HubHarness();
        var (sub, _) = harness.RegisterQuietly("sub5000")[0];
        var (_, bobSink) = harness.RegisterQuietly("bob")[0];
        harness.Hub.TryRename(sub, "sam");
        bobSink.Clear();

        harness.Hub.Say(sub, null, "hi", clientSeq: 0, out _);

        Assert.Equal("sam", bobSink.Single<MessagePosted>().Sender);
    }
}
