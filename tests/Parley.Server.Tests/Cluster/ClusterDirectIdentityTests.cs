using Microsoft.Extensions.DependencyInjection;

using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Cluster;

/// <summary>Direct-message history across nodes belongs to identities as on one node (docs/protocol.md,
/// "Direct-message history belongs to identities"): the recipient's account is recorded when the sender's node knows
/// it, and a guest's session identity (its nickname since it took it) is the same on every node, whatever their
/// clocks say. Two real servers on one real PostgreSQL database.</summary>
public sealed class ClusterDirectIdentityTests : OnFreshPostgresDatabase
{
    [Fact]
    public async Task A_direct_message_to_a_logged_in_member_of_another_node_is_read_by_its_account_from_a_later_session()
    {
        await using var nodeA = await ClusterTestNodes.StartAsync(Database);
        await using var nodeB = await ClusterTestNodes.StartAsync(Database);
        await using var ann = await JsonClient.HelloAsync(nodeA.Json, "ann");
        await using (var dave = await JsonClient.HelloAsync(nodeB.Json, "dave"))
        {
            await dave.SendAsync("""{"type":"register","password":"correct-horse"}""" + "\n");
            await dave.ReadUntilAsync(f => f.Str("text") == "You are logged in as dave.", ClusterWait.Timeout);
            await ClusterWait.UntilAsync(() => nodeA.Hub.Find("dave")?.Account == "dave", "dave's account known on A");

            await ann.SendAsync("""{"type":"msg","to":"dave","message":"for the account"}""" + "\n");
            await dave.ReadUntilAsync(f => f.Str("message") == "for the account", ClusterWait.Timeout);
            await dave.SendAsync("""{"type":"quit"}""" + "\n");
            await dave.WaitForCloseAsync(ClusterWait.Timeout);
        }

        // A new session (on A this time) that logs in to dave reads it: the recipient's side names the account.
        await ClusterWait.UntilAsync(() => nodeA.Hub.Find("dave") is null, "dave gone on A");
        await using var again = await JsonClient.HelloAsync(nodeA.Json, "dave");
        await again.SendAsync("""{"type":"login","password":"correct-horse"}""" + "\n");
        await again.ReadUntilAsync(f => f.Str("text") == "You are logged in as dave.", ClusterWait.Timeout);
        Assert.Equal(["for the account"], await DirectHistoryAsync(again, "ann"));
    }

    [Fact]
    public async Task A_guests_session_identity_is_the_same_on_every_node_so_it_reads_what_another_node_sent_it()
    {
        // Node A's clock is a minute behind node B's: A alone would stamp a message to B's guest before the moment
        // B says the guest took its nickname. A starts after gus arrived on B, so it learns gus from B's roster.
        await using var nodeB = await ClusterTestNodes.StartAsync(Database);
        await using var gus = await JsonClient.HelloAsync(nodeB.Json, "gus");
        await using var nodeA = await ClusterTestNodes.StartAsync(
            Database, services: s => s.AddSingleton<TimeProvider>(new SkewedClock(TimeSpan.FromMinutes(-1))));
        await using var ann = await JsonClient.HelloAsync(nodeA.Json, "ann");
        await ClusterWait.UntilAsync(() => nodeA.Hub.Find("gus") is not null, "gus known on A");

        await ann.SendAsync("""{"type":"msg","to":"gus","message":"to gus"}""" + "\n");
        await gus.ReadUntilAsync(f => f.Str("message") == "to gus", ClusterWait.Timeout);
        Assert.Equal(["to gus"], await DirectHistoryAsync(gus, "ann"));

        // After a rename to another name, the new identity starts at B's moment of the rename on A too.
        await gus.SendAsync("""{"type":"message","message":"/nick gary"}""" + "\n");
        await gus.ReadUntilAsync(f => f.Str("type") == "renamed" && f.Str("to") == "gary", ClusterWait.Timeout);
        await ClusterWait.UntilAsync(() => nodeA.Hub.Find("gary") is not null, "gary known on A");
        await ann.SendAsync("""{"type":"msg","to":"gary","message":"to gary"}""" + "\n");
        await gus.ReadUntilAsync(f => f.Str("message") == "to gary", ClusterWait.Timeout);
        Assert.Equal(["to gary"], await DirectHistoryAsync(gus, "ann"));

        // A guest arriving on B while A runs: its registration says when.
        await using var hal = await JsonClient.HelloAsync(nodeB.Json, "hal");
        await ClusterWait.UntilAsync(() => nodeA.Hub.Find("hal") is not null, "hal known on A");
        await ann.SendAsync("""{"type":"msg","to":"hal","message":"to hal"}""" + "\n");
        await hal.ReadUntilAsync(f => f.Str("message") == "to hal", ClusterWait.Timeout);
        Assert.Equal(["to hal"], await DirectHistoryAsync(hal, "ann"));
    }

    private static async Task<string[]> DirectHistoryAsync(JsonClient reader, string with)
    {
        await reader.SendAsync($$"""{"type":"history","with":"{{with}}"}""" + "\n");
        var page = await reader.ReadUntilAsync(f => f.Str("type") == "history", ClusterWait.Timeout);
        return [.. page.GetProperty("messages").EnumerateArray().Select(m => m.Str("message") ?? "?")];
    }

    /// <summary>The system clock moved by a fixed offset (timers run on the system's).</summary>
    private sealed class SkewedClock(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + offset;
    }
}
