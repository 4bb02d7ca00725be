using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Cluster;

/// <summary>A real server with --postgres: its history lives in PostgreSQL and outlives the node.</summary>
public sealed class PostgresServerTests
{
    [Fact]
    public async Task A_server_on_postgres_keeps_history_that_the_next_server_on_the_database_replays_and_searches()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var settings = new Dictionary<string, string?> { ["Parley:Server:Postgres"] = database.ConnectionString };
        long firstId;
        await using (var first = await TestServer.StartAsync(settings))
        {
            await using var alice = await JsonClient.HelloAsync(first.Json, "alice");
            await using var watcher = await JsonClient.HelloAsync(first.Json, "watcher");
            await alice.SendAsync("""{"type":"message","message":"kept in postgres"}""" + "\n");
            firstId = (await watcher.ReadUntilAsync(f => f.Str("message") == "kept in postgres")).Num("id")!.Value;
        }

        await using var second = await TestServer.StartAsync(settings);
        await using var bob = await JsonClient.HelloAsync(second.Json, "bob");
        var replayed = await bob.ReadUntilAsync(f => f.Str("message") == "kept in postgres");
        Assert.True(replayed.GetProperty("history").GetBoolean());
        Assert.Equal(firstId, replayed.Num("id"));

        // Numbering continues after the stored messages.
        await using var carol = await JsonClient.HelloAsync(second.Json, "carol");
        await bob.SendAsync("""{"type":"message","message":"after the restart"}""" + "\n");
        Assert.True((await carol.ReadUntilAsync(f => f.Str("message") == "after the restart")).Num("id") > firstId);

        await bob.SendAsync("""{"type":"search","query":"POSTGRES kept"}""" + "\n");
        var found = await bob.ReadUntilAsync(f => f.Str("type") == "search");
        Assert.Contains("kept in postgres", found.GetRawText(), StringComparison.Ordinal);
    }
}
