using Microsoft.Extensions.DependencyInjection;

using Parley.Server.Accounts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Cluster;

/// <summary>Accounts in cluster mode: two real servers on one real PostgreSQL database share them. An account
/// registered on node A guards its nickname on node B, whose check reads the shared table.</summary>
public sealed class ClusterAccountTests : OnFreshPostgresDatabase
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Account_registered_on_one_node_gets_a_guest_on_the_other_renamed_after_the_grace_period()
    {
        var grace = new Dictionary<string, string?> { ["Parley:Accounts:RenameGrace"] = "00:00:01" };
        await using var nodeA = await ClusterTestNodes.StartAsync(Database, grace);
        await using var nodeB = await ClusterTestNodes.StartAsync(Database, grace);
        await using var watchA = await JsonClient.HelloAsync(nodeA.Json, "watcha");
        await using var watchB = await JsonClient.HelloAsync(nodeB.Json, "watchb");
        await RegisterAndQuitAsync(nodeA, watchB, "carol");

        // Renaming onto the nick: node B warns and, after the grace period, renames; node A only applies B's rename.
        await using var guest = await JsonClient.HelloAsync(nodeB.Json, "gus");
        await guest.SendAsync("""{"type":"message","message":"/nick carol"}""" + "\n");
        await guest.ReadUntilAsync(f => f.Str("text")?.Contains("The nickname carol is registered", StringComparison.Ordinal) == true, Timeout);
        var renamed = await guest.ReadUntilAsync(f => f.Str("type") == "renamed" && f.Str("user") == "carol", Timeout);
        var newNick = renamed.Str("to");
        Assert.StartsWith("Guest", newNick, StringComparison.Ordinal);

        var seenOnA = await watchA.ReadUntilAsync(f => f.Str("type") == "renamed" && f.Str("user") == "carol", Timeout);
        Assert.Equal(newNick, seenOnA.Str("to"));
        Assert.Null(nodeA.Hub.Find("carol"));
        Assert.Equal(newNick, nodeA.Hub.Find(newNick!)?.Nick);
    }

    [Fact]
    public async Task Account_registered_on_one_node_logs_in_on_the_other_and_takes_the_nick_from_a_guest()
    {
        await using var nodeA = await ClusterTestNodes.StartAsync(Database);
        await using var nodeB = await ClusterTestNodes.StartAsync(Database);
        await using var watchA = await JsonClient.HelloAsync(nodeA.Json, "watcha");
        await using var watchB = await JsonClient.HelloAsync(nodeB.Json, "watchb");
        await RegisterAndQuitAsync(nodeA, watchB, "dave");

        await using var squatter = await JsonClient.HelloAsync(nodeB.Json, "dave");
        await squatter.ReadUntilAsync(f => f.Str("text")?.Contains("The nickname dave is registered", StringComparison.Ordinal) == true, Timeout);
        await squatter.SendAsync("""{"type":"register","password":"another-horse"}""" + "\n");
        Assert.Equal("account-exists", (await squatter.ReadUntilAsync(f => f.Str("type") == "error", Timeout)).Str("code"));

        await using var owner = await JsonClient.HelloAsync(nodeB.Json, "visitor");
        await owner.SendAsync("""{"type":"login","user":"dave","password":"wrong-horse"}""" + "\n");
        Assert.Equal("auth-failed", (await owner.ReadUntilAsync(f => f.Str("type") == "error", Timeout)).Str("code"));
        await owner.SendAsync("""{"type":"login","user":"dave","password":"correct-horse"}""" + "\n");
        await owner.ReadUntilAsync(f => f.Str("text") == "You are logged in as dave.", Timeout);
        await owner.ReadUntilAsync(f => f.Str("type") == "renamed" && f.Str("user") == "visitor" && f.Str("to") == "dave", Timeout);

        await squatter.ReadUntilAsync(f => f.Str("text")?.Contains("The owner of dave logged in", StringComparison.Ordinal) == true, Timeout);
        Assert.Equal("dave", nodeB.Hub.Find("dave")?.Account);
        await watchA.ReadUntilAsync(f => f.Str("type") == "renamed" && f.Str("user") == "visitor" && f.Str("to") == "dave", Timeout);
        Assert.Equal("dave", nodeA.Hub.Find("dave")?.Nick);
    }

    [Fact]
    public async Task Account_on_postgres_outlives_its_node_and_the_start_up_line_names_the_database()
    {
        await using (var first = await ClusterTestNodes.StartAsync(Database))
        {
            Assert.StartsWith("postgresql ", first.Host.Services.GetRequiredService<AccountStoreService>().Description, StringComparison.Ordinal);
            await using var watcher = await JsonClient.HelloAsync(first.Json, "watcher");
            await RegisterAndQuitAsync(first, watcher, "erin");
        }

        await using var second = await ClusterTestNodes.StartAsync(Database);
        await using var erin = await JsonClient.HelloAsync(second.Json, "erin");
        await erin.SendAsync("""{"type":"login","password":"correct-horse"}""" + "\n");
        await erin.ReadUntilAsync(f => f.Str("text") == "You are logged in as erin.", Timeout);
        Assert.Equal("erin", second.Hub.Find("erin")?.Account);
    }

    /// <summary>Registers <paramref name="nick"/> on <paramref name="node"/>, then quits, and waits until
    /// <paramref name="watcher"/> (on the other node) saw it go, so the nickname is free there.</summary>
    private static async Task RegisterAndQuitAsync(TestServer node, JsonClient watcher, string nick)
    {
        await using (var owner = await JsonClient.HelloAsync(node.Json, nick))
        {
            await owner.SendAsync("""{"type":"register","password":"correct-horse"}""" + "\n");
            await owner.ReadUntilAsync(f => f.Str("text") == $"You are logged in as {nick}.", Timeout);
            await owner.SendAsync("""{"type":"quit"}""" + "\n");
            await owner.WaitForCloseAsync(Timeout);
        }

        await watcher.ReadUntilAsync(f => f.Str("type") == "left" && f.Str("user") == nick, Timeout);
    }
}
