using Parley.Core.Hub;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Cluster;

/// <summary>IRCv3 TAGMSG and invitations across two real servers on one real PostgreSQL database: a typing
/// notification reaches the other node's IRC clients that asked for message-tags, and an invitation holds for the
/// invitee's nickname on every node, as it does on one.</summary>
public sealed class ClusterTagsAndInvitationTests : OnFreshPostgresDatabase
{
    [Fact]
    public async Task Tagmsg_to_a_channel_and_to_a_nick_reaches_message_tags_clients_on_the_other_node()
    {
        await using var nodeA = await ClusterTestNodes.StartAsync(Database);
        await using var nodeB = await ClusterTestNodes.StartAsync(Database);
        await using var ann = await ClusterWait.IrcWithCapsAsync(nodeA, "ann", "message-tags");
        await using var bea = await ClusterWait.IrcWithCapsAsync(nodeB, "bea", "message-tags");
        await using var cat = await IrcClient.RegisterAsync(nodeB.Irc, "cat");
        await ClusterWait.JoinAsync(ann, "#typing");
        await ClusterWait.JoinAsync(bea, "#typing");
        await ClusterWait.JoinAsync(cat, "#typing");
        await ClusterWait.InRoomAsync(nodeA, "#typing", "bea");
        await ClusterWait.InRoomAsync(nodeA, "#typing", "cat");
        await ClusterWait.InRoomAsync(nodeB, "#typing", "ann");

        await ann.SendAsync("@+typing=active TAGMSG #typing");
        Assert.Matches(@"^@msgid=\d+;\+typing=active :ann!ann@parley TAGMSG #typing$", await bea.ExpectAsync("TAGMSG"));

        // Back, to a nick on the other node.
        await bea.SendAsync("@+draft/react=lol;+typing=paused TAGMSG ann");
        Assert.Matches(@"^@msgid=\d+;\+draft/react=lol;\+typing=paused :bea!bea@parley TAGMSG ann$", await ann.ExpectAsync("TAGMSG"));

        // A notice's client tags travel with it.
        await ann.SendAsync("@+draft/reply=1 NOTICE #typing :seen");
        Assert.Equal("@+draft/reply=1 :ann!ann@parley NOTICE #typing :seen", await bea.ExpectAsync("NOTICE"));

        // A message's client tags travel with its notification (they are not stored). A client without message-tags
        // is shown neither them nor the TAGMSG: the next thing cat sees in the room is the message, bare.
        await ann.SendAsync("@+draft/reply=1 PRIVMSG #typing :after the tags");
        Assert.Matches(@"^@msgid=\d+;\+draft/reply=1 :ann!ann@parley PRIVMSG #typing :after the tags$", await bea.ExpectAsync("PRIVMSG"));
        var next = await cat.Raw.ReadLineUntilAsync(l => IrcClient.CommandOf(l) is "TAGMSG" or "PRIVMSG");
        Assert.Equal(":ann!ann@parley PRIVMSG #typing :after the tags", next);
    }

    [Fact]
    public async Task An_invitation_holds_for_the_invitee_on_every_node_and_a_join_anywhere_uses_it_up()
    {
        await using var nodeA = await ClusterTestNodes.StartAsync(Database);
        await using var nodeB = await ClusterTestNodes.StartAsync(Database);
        await using var ann = await IrcClient.RegisterAsync(nodeA.Irc, "ann");
        await ClusterWait.JoinAsync(ann, "#secret");
        await ann.SendAsync("MODE #secret +i");
        await ann.ExpectAsync("MODE");
        await ClusterWait.UntilAsync(() => nodeB.Hub.GetRoom("#secret")?.Modes.HasFlag(RoomModes.InviteOnly) == true, "#secret +i on B");

        // Invited on A, where bob is; bob reconnects to B before joining.
        await using (var bobOnA = await IrcClient.RegisterAsync(nodeA.Irc, "bob"))
        {
            await ann.SendAsync("INVITE bob #secret");
            await ann.ExpectAsync("341");
            Assert.Equal(":ann!ann@parley INVITE bob #secret", await bobOnA.ExpectAsync("INVITE"));

            // B knows bob before he leaves, so that B forgetting him says his node released the nickname.
            await ClusterWait.UntilAsync(() => nodeB.Hub.Find("bob") is not null, "bob known on B");
            await bobOnA.SendAsync("QUIT :moving");
            await bobOnA.WaitForCloseAsync();
        }

        await ClusterWait.UntilAsync(() => nodeB.Hub.Find("bob") is null, "bob gone on B");
        await using (var bobOnB = await IrcClient.RegisterAsync(nodeB.Irc, "bob"))
        {
            await ClusterWait.JoinAsync(bobOnB, "#secret");
            Assert.StartsWith(":bob!", await ann.ExpectAsync("JOIN"), StringComparison.Ordinal);

            // The join on B used the invitation up on A too, as one node would.
            await bobOnB.SendAsync("PART #secret");
            await bobOnB.ExpectAsync("PART");
            await ClusterWait.UntilAsync(() => nodeA.Hub.GetRoom("#secret")?.Members.Any(m => m.Member.Nick == "bob") == false, "bob out of #secret on A");
            await bobOnB.SendAsync("QUIT :moving back");
            await bobOnB.WaitForCloseAsync();
        }

        await ClusterWait.UntilAsync(() => nodeA.Hub.Find("bob") is null, "bob gone on A");
        await using var bobBack = await IrcClient.RegisterAsync(nodeA.Irc, "bob");
        await bobBack.SendAsync("JOIN #secret");
        await bobBack.ExpectAsync("473");
    }

    [Fact]
    public async Task A_node_that_starts_later_takes_the_invitations_with_the_rooms_state()
    {
        await using var nodeA = await ClusterTestNodes.StartAsync(Database);
        await using var ann = await IrcClient.RegisterAsync(nodeA.Irc, "ann");
        await ClusterWait.JoinAsync(ann, "#later");
        await ann.SendAsync("MODE #later +i");
        await ann.ExpectAsync("MODE");
        await using (var bob = await IrcClient.RegisterAsync(nodeA.Irc, "bob"))
        {
            await ann.SendAsync("INVITE bob #later");
            await bob.ExpectAsync("INVITE");
        }

        await ClusterWait.NickFreeAsync(Database, "bob");
        await using var nodeB = await ClusterTestNodes.StartAsync(Database);
        await ClusterWait.UntilAsync(() => nodeB.Hub.GetRoom("#later")?.Modes.HasFlag(RoomModes.InviteOnly) == true, "#later's state on B");
        await using var bobOnB = await IrcClient.RegisterAsync(nodeB.Irc, "bob");
        await ClusterWait.JoinAsync(bobOnB, "#later");
        await using var eve = await IrcClient.RegisterAsync(nodeB.Irc, "eve");
        await eve.SendAsync("JOIN #later");
        await eve.ExpectAsync("473");
    }
}
