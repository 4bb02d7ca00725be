using System.Diagnostics;

using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Cluster;

/// <summary>Restarts the throwaway PostgreSQL server itself, so it runs alone (every other PostgreSQL test would lose
/// its connections too).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PostgresRestartCollection
{
    public const string Name = "PostgreSQL restart";
}

[Collection(PostgresRestartCollection.Name)]
public sealed class PostgresRestartTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Restarting_postgres_loses_no_committed_message_and_both_nodes_carry_on()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var echo = new Dictionary<string, string?> { ["Parley:Hub:Echo"] = "true" };
        await using var nodeA = await ClusterTestNodes.StartAsync(database, echo);
        await using var nodeB = await ClusterTestNodes.StartAsync(database, echo);
        await using var alice = await JsonClient.HelloAsync(nodeA.Json, "alice");
        await using var bob = await JsonClient.HelloAsync(nodeB.Json, "bob");
        await alice.ReadUntilAsync(f => f.Str("type") == "joined" && f.Str("user") == "bob");
        for (var i = 0; i < 10; i++)
        {
            await alice.SendAsync($$"""{"type":"message","message":"before {{i}}"}""" + "\n");
        }

        await bob.ReadUntilAsync(f => f.Str("message") == "before 9", Deadline);

        await RestartPostgresAsync();

        var (fromA, idA) = await ClusterTestNodes.SendUntilDeliveredAsync(alice, "after from A", Deadline);
        Assert.Equal(idA, (await bob.ReadUntilAsync(f => f.Str("message") == fromA, Deadline)).Num("id"));
        var (fromB, idB) = await ClusterTestNodes.SendUntilDeliveredAsync(bob, "after from B", Deadline);
        Assert.Equal(idB, (await alice.ReadUntilAsync(f => f.Str("message") == fromB, Deadline)).Num("id"));

        // Everything committed is in the shared history once, in order: a newcomer's replay shows it.
        await using var carol = await JsonClient.HelloAsync(nodeB.Json, "carol");
        var replayed = new List<(long Id, string Text)>();
        while (replayed.Count == 0 || replayed[^1].Text != fromB)
        {
            var frame = await carol.ReadUntilAsync(f => f.Str("type") == "message", Deadline);
            Assert.True(frame.GetProperty("history").GetBoolean());
            replayed.Add((frame.Num("id")!.Value, frame.Str("message")!));
        }

        Assert.Equal([.. Enumerable.Range(0, 10).Select(i => $"before {i}"), fromA, fromB], replayed.Select(r => r.Text).Where(t => t.StartsWith("before", StringComparison.Ordinal) || t == fromA || t == fromB));
        Assert.Equal(replayed.OrderBy(r => r.Id), replayed);
    }

    /// <summary>pg_ctl restart of the server scripts/test-postgres.sh started (PARLEY_PG_DIR, PARLEY_PG_BINDIR); as
    /// that script does, as the postgres user when the tests run as root.</summary>
    private static async Task RestartPostgresAsync()
    {
        var dir = Environment.GetEnvironmentVariable("PARLEY_PG_DIR");
        var bin = Environment.GetEnvironmentVariable("PARLEY_PG_BINDIR");
        if (string.IsNullOrEmpty(dir) || string.IsNullOrEmpty(bin))
        {
            throw new InvalidOperationException(
                "PARLEY_PG_DIR and PARLEY_PG_BINDIR are not set, and this test restarts the test PostgreSQL server. Run `bash scripts/test.sh` (or `source scripts/test-postgres.sh; parley_pg_start`).");
        }

        // -l: the restarted server logs to the file, not to pipes this process holds (it outlives them).
        string[] command = [Path.Combine(bin, "pg_ctl"), "-D", Path.Combine(dir, "data"), "-l", Path.Combine(dir, "server.log"), "-m", "fast", "-w", "-t", "60", "restart"];
        var root = Environment.UserName == "root";
        var start = new ProcessStartInfo(root ? "runuser" : command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in root ? ["-u", "postgres", "--", .. command] : command[1..])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
        var said = await Task.WhenAll(output, error).WaitAsync(TimeSpan.FromSeconds(10));
        // This process's own pooled connections (the test database's) died with the old server.
        Npgsql.NpgsqlConnection.ClearAllPools();
        Assert.True(process.ExitCode == 0, $"pg_ctl restart exited with {process.ExitCode}: {string.Join(' ', said)} (see {dir}/server.log)");
    }
}
