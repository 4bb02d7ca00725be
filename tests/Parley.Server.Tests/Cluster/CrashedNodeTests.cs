using System.Net;

using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Cluster;

/// <summary>A real `parley server --postgres` process killed with SIGKILL: no goodbye. The node in this process sees
/// its heartbeat stop, announces its users gone and frees their nicknames.</summary>
public sealed class CrashedNodeTests
{
    [Fact]
    public async Task A_node_whose_heartbeat_stops_has_its_users_announced_gone_and_their_nicknames_freed()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();

        // The survivor reaps with its own lease: short here, so the test does not wait the default 10 s.
        await using var survivor = await ClusterTestNodes.StartAsync(database, new Dictionary<string, string?>
        {
            ["Parley:Cluster:HeartbeatInterval"] = "00:00:00.200",
            ["Parley:Cluster:NodeLease"] = "00:00:02",
        });
        await using var bob = await JsonClient.HelloAsync(survivor.Json, "bob");

        await using var crashing = ParleyProcess.Start(
            "server", "--postgres", database.ConnectionString, "--host", "127.0.0.1", "--text-port", "0", "--json-port", "0", "--irc-port", "0", "--http-port", "0");
        var json = IPEndPoint.Parse((await crashing.WaitForLineAsync(l => l.StartsWith("listening json ", StringComparison.Ordinal), TimeSpan.FromSeconds(60)))["listening json ".Length..]);
        await using var alice = await JsonClient.HelloAsync(json, "alice");
        await bob.ReadUntilAsync(f => f.Str("type") == "joined" && f.Str("user") == "alice");

        await crashing.KillHardAsync();

        var left = await bob.ReadUntilAsync(f => f.Str("type") == "left" && f.Str("user") == "alice", TimeSpan.FromSeconds(30));
        Assert.Equal("#general", left.Str("room"));
        await using var again = await JsonClient.HelloAsync(survivor.Json, "alice");
    }
}
