using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Cluster;

/// <summary>What users do on one node that users on another node see, over real IRC and JSON sockets on two real
/// servers sharing one real PostgreSQL database: notices, away status, and the account of who speaks and joins.</summary>
public sealed class ClusterPresenceTests : OnFreshPostgresDatabase
{
    [Fact]
    public async Task Notices_to_a_channel_and_to_a_nick_reach_the_other_node_with_the_senders_account()
    {
        await using var nodeA = await ClusterTestNodes.StartAsync(Database);
        await using var nodeB = await ClusterTestNodes.StartAsync(Database);
        await using var ann = await IrcClient.RegisterAsync(nodeA.Irc, "ann");
        await ann.SendAsync("REGISTER * - correct-horse");
        await ann.ExpectAsync("900");
        await using var bea = await ClusterWait.IrcWithCapsAsync(nodeB, "bea", "account-tag");
        await ClusterWait.JoinAsync(ann, "#notes");
        await ClusterWait.JoinAsync(bea, "#notes");
        await using var jay = await JsonClient.HelloAsync(nodeB.Json, "jay");
        await jay.SendAsync("""{"type":"join","room":"#notes"}""" + "\n");
        await ClusterWait.InRoomAsync(nodeA, "#notes", "jay");

        await ann.SendAsync("NOTICE #notes :heads up");
        Assert.Equal("@account=ann :ann!ann@parley NOTICE #notes :heads up", await bea.ExpectAsync("NOTICE"));
        var seenByJson = await jay.ReadUntilAsync(f => f.Str("message") == "heads up", ClusterWait.Timeout);
        Assert.Equal("#notes", seenByJson.Str("room"));

        await ann.SendAsync("NOTICE bea :just you");
        Assert.Equal("@account=ann :ann!ann@parley NOTICE bea :just you", await bea.ExpectAsync("NOTICE"));

        // And back: a guest on B to A's channel, without an account tag.
        await using var watcher = await ClusterWait.IrcWithCapsAsync(nodeA, "watcher", "account-tag");
        await ClusterWait.JoinAsync(watcher, "#notes");
        await ClusterWait.InRoomAsync(nodeB, "#notes", "watcher");
        await bea.SendAsync("NOTICE #notes :from b");
        Assert.Equal(":bea!bea@parley NOTICE #notes :from b", await watcher.ExpectAsync("NOTICE"));
    }

    [Fact]
    public async Task Away_set_and_cleared_on_one_node_shows_in_away_notify_whois_and_who_on_the_other()
    {
        await using var nodeA = await ClusterTestNodes.StartAsync(Database);
        await using var nodeB = await ClusterTestNodes.StartAsync(Database);
        await using var ann = await IrcClient.RegisterAsync(nodeA.Irc, "ann");
        await using var bea = await ClusterWait.IrcWithCapsAsync(nodeB, "bea", "away-notify");
        await ClusterWait.JoinAsync(ann, "#desk");
        await ClusterWait.JoinAsync(bea, "#desk");
        await ClusterWait.InRoomAsync(nodeB, "#desk", "ann");

        await ann.SendAsync("AWAY :at lunch");
        await ann.ExpectAsync("306");
        Assert.Equal(":ann!ann@parley AWAY :at lunch", await bea.ExpectAsync("AWAY"));
        await bea.SendAsync("WHOIS ann");
        Assert.EndsWith("ann :at lunch", await bea.ExpectAsync("301"), StringComparison.Ordinal);
        await bea.ExpectAsync("318");
        await bea.SendAsync("WHO #desk");
        var who = await bea.Raw.ReadLineUntilAsync(l => IrcClient.CommandOf(l) == "352" && l.Contains(" ann ", StringComparison.Ordinal));
        Assert.Contains(" G", who, StringComparison.Ordinal);
        await bea.ExpectAsync("315");

        // A node that starts now learns it from the rosters.
        await using var nodeC = await ClusterTestNodes.StartAsync(Database);
        await ClusterWait.UntilAsync(() => nodeC.Hub.Find("ann")?.AwayMessage == "at lunch", "ann away on node C");

        await ann.SendAsync("AWAY");
        await ann.ExpectAsync("305");
        Assert.Equal(":ann!ann@parley AWAY", await bea.ExpectAsync("AWAY"));
        await ClusterWait.UntilAsync(() => nodeC.Hub.Find("ann") is { AwayMessage: null }, "ann back on node C");
        await bea.SendAsync("WHOIS ann");
        var line = await bea.Raw.ReadLineUntilAsync(l => IrcClient.CommandOf(l) is "301" or "318");
        Assert.Equal("318", IrcClient.CommandOf(line!));
    }

    [Fact]
    public async Task Relayed_messages_and_joins_carry_the_senders_account_and_logins_are_told()
    {
        await using var nodeA = await ClusterTestNodes.StartAsync(Database);
        await using var nodeB = await ClusterTestNodes.StartAsync(Database);
        await using var bea = await ClusterWait.IrcWithCapsAsync(nodeB, "bea", "account-tag extended-join account-notify");
        await ClusterWait.JoinAsync(bea, "#acct");
        await using var ann = await IrcClient.RegisterAsync(nodeA.Irc, "ann");
        await ann.SendAsync("REGISTER * - correct-horse");
        await ann.ExpectAsync("900");

        await ClusterWait.InRoomAsync(nodeA, "#acct", "bea");
        await ann.SendAsync("JOIN #acct");
        Assert.StartsWith("@account=ann :ann!ann@parley JOIN #acct ann :", await bea.ExpectAsync("JOIN"), StringComparison.Ordinal);
        await ann.SendAsync("PRIVMSG #acct :signed");
        Assert.Equal("@account=ann :ann!ann@parley PRIVMSG #acct :signed", await bea.ExpectAsync("PRIVMSG"));
        await ann.SendAsync("PRIVMSG bea :signed too");
        Assert.Equal("@account=ann :ann!ann@parley PRIVMSG bea :signed too", await bea.ExpectAsync("PRIVMSG"));

        // A JSON member of node A who logs in later: account-notify, then its messages are tagged.
        await using var jay = await JsonClient.HelloAsync(nodeA.Json, "jay");
        await jay.SendAsync("""{"type":"join","room":"#acct"}""" + "\n");
        await bea.ExpectTextAsync(":jay!jay@parley JOIN #acct * ");
        await jay.SendAsync("""{"type":"register","password":"correct-horse"}""" + "\n");
        Assert.Equal(":jay!jay@parley ACCOUNT jay", await bea.ExpectAsync("ACCOUNT"));
        await jay.SendAsync("""{"type":"message","room":"#acct","message":"json signed"}""" + "\n");
        Assert.Equal("@account=jay :jay!jay@parley PRIVMSG #acct :json signed", await bea.ExpectAsync("PRIVMSG"));

        await ann.SendAsync("PRIVMSG NickServ :LOGOUT");
        await ann.ExpectAsync("901");
        Assert.Equal(":ann!ann@parley ACCOUNT *", await bea.ExpectAsync("ACCOUNT"));
        await ann.SendAsync("PRIVMSG #acct :unsigned");
        Assert.Equal(":ann!ann@parley PRIVMSG #acct :unsigned", await bea.ExpectAsync("PRIVMSG"));
    }
}
