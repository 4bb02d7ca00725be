using System.Text.Json;

using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.History;

/// <summary>History as clients see it, on a real server with its history in memory.</summary>
public sealed class HistoryEndToEndTests
{
    [Fact]
    public async Task A_json_member_joining_is_told_the_retention_then_gets_the_last_messages_marked_as_history()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:History:Replay"] = "2" });
        await using var alice = await JsonClient.HelloAsync(server.Json, "alice");
        await using var watcher = await JsonClient.HelloAsync(server.Json, "watcher");
        var live = new List<JsonElement>();
        foreach (var text in new[] { "one", "two", "three" })
        {
            await alice.SendAsync($$"""{"type":"message","message":"{{text}}"}""" + "\n");
            live.Add(await watcher.ReadUntilAsync(f => f.Str("message") == text));
        }

        await using var bob = await JsonClient.ConnectAsync(server.Json);
        await bob.SendAsync("""{"type":"hello","user":"bob","version":1}""" + "\n");
        var retention = await bob.ReadUntilAsync(f => f.Str("type") == "notice");
        Assert.Equal("history", retention.Str("kind"));
        // The test server keeps history in memory (":memory:"), and the notice says so.
        Assert.Equal("#general keeps messages for 30 days (its newest 100000 at most), in memory only: a restart forgets them.", retention.Str("text"));
        var two = await bob.ReadUntilAsync(f => f.Str("message") == "two");
        var three = await bob.ReadAsync();

        Assert.True(two.GetProperty("history").GetBoolean());
        Assert.Equal(live[1].Num("id"), two.Num("id"));
        Assert.Equal(live[1].Str("time"), two.Str("time"));
        Assert.Equal(["seq", "user", "message", "type", "room", "id", "history", "time"], two.Keys());
        Assert.Equal(live[2].Num("id"), three.Num("id"));
        Assert.False(live[2].TryGetProperty("history", out _));
    }

    [Fact]
    public async Task History_requests_page_by_id_in_a_stable_order()
    {
        await using var server = await TestServer.StartAsync();
        await using var alice = await JsonClient.HelloAsync(server.Json, "alice");
        await using var watcher = await JsonClient.HelloAsync(server.Json, "watcher");
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            await alice.SendAsync($$"""{"type":"message","message":"m{{i}}"}""" + "\n");
            ids.Add((await watcher.ReadUntilAsync(f => f.Str("message") == $"m{i}")).Num("id")!.Value);
        }

        await watcher.SendAsync("""{"type":"history","room":"#general","limit":2}""" + "\n");
        var newest = await watcher.ReadUntilAsync(f => f.Str("type") == "history");
        Assert.Equal(ids[3..], Ids(newest));
        Assert.True(newest.GetProperty("more").GetBoolean());
        Assert.Equal("#general", newest.Str("room"));

        await watcher.SendAsync($$"""{"type":"history","before":{{ids[3]}},"limit":500}""" + "\n");
        var older = await watcher.ReadUntilAsync(f => f.Str("type") == "history");
        Assert.Equal(ids[..3], Ids(older));
        Assert.False(older.GetProperty("more").GetBoolean());

        await watcher.SendAsync($$"""{"type":"history","after":{{ids[0]}},"limit":2}""" + "\n");
        Assert.Equal(ids[1..3], Ids(await watcher.ReadUntilAsync(f => f.Str("type") == "history")));

        await watcher.SendAsync("""{"type":"history","room":"#elsewhere"}""" + "\n");
        Assert.Equal("not-in-room", (await watcher.ReadUntilAsync(f => f.Str("type") == "error")).Str("code"));
    }

    [Fact]
    public async Task Direct_message_history_is_for_its_two_parties_only()
    {
        await using var server = await TestServer.StartAsync();
        await using var alice = await JsonClient.HelloAsync(server.Json, "alice");
        await using var bob = await JsonClient.HelloAsync(server.Json, "bob");
        await using var carol = await JsonClient.HelloAsync(server.Json, "carol");
        await alice.SendAsync("""{"type":"msg","to":"bob","message":"just for bob"}""" + "\n");
        await bob.ReadUntilAsync(f => f.Str("message") == "just for bob");

        await bob.SendAsync("""{"type":"history","with":"alice"}""" + "\n");
        var page = await bob.ReadUntilAsync(f => f.Str("type") == "history");
        Assert.Equal("alice", page.Str("with"));
        var message = Assert.Single(page.GetProperty("messages").EnumerateArray());
        Assert.Equal("direct", message.Str("type"));
        Assert.Equal("bob", message.Str("to"));

        await carol.SendAsync("""{"type":"history","with":"bob"}""" + "\n");
        Assert.Empty((await carol.ReadUntilAsync(f => f.Str("type") == "history")).GetProperty("messages").EnumerateArray());
        await carol.SendAsync("""{"type":"search","query":"bob"}""" + "\n");
        Assert.Empty((await carol.ReadUntilAsync(f => f.Str("type") == "search")).GetProperty("messages").EnumerateArray());
    }

    [Fact]
    public async Task Search_covers_only_the_rooms_a_member_is_in_newest_first()
    {
        await using var server = await TestServer.StartAsync();
        await using var alice = await JsonClient.HelloAsync(server.Json, "alice");
        await using var bob = await JsonClient.HelloAsync(server.Json, "bob");
        await alice.SendAsync("""{"type":"join","room":"#secret"}""" + "\n");
        await alice.ReadUntilAsync(f => f.Str("type") == "joined" && f.Str("room") == "#secret");
        await alice.SendAsync("""{"type":"message","room":"#secret","message":"the plan is hidden"}""" + "\n");
        await alice.SendAsync("""{"type":"message","room":"#general","message":"a public plan"}""" + "\n");
        await bob.ReadUntilAsync(f => f.Str("message") == "a public plan");

        await bob.SendAsync("""{"type":"search","query":"plan"}""" + "\n");
        var forBob = await bob.ReadUntilAsync(f => f.Str("type") == "search");
        Assert.Equal(["a public plan"], forBob.GetProperty("messages").EnumerateArray().Select(m => m.Str("message")));

        await alice.SendAsync("""{"type":"search","query":"PLAN","limit":1}""" + "\n");
        var forAlice = await alice.ReadUntilAsync(f => f.Str("type") == "search");
        Assert.Equal(["a public plan"], forAlice.GetProperty("messages").EnumerateArray().Select(m => m.Str("message")));
        Assert.True(forAlice.GetProperty("more").GetBoolean());
        Assert.Equal("PLAN", forAlice.Str("query"));
    }

    [Fact]
    public async Task Line_framed_text_clients_get_replays_with_a_time_prefix_and_history_commands()
    {
        await using var server = await TestServer.StartAsync();
        await using var alice = await JsonClient.HelloAsync(server.Json, "alice");
        await using var watcher = await JsonClient.HelloAsync(server.Json, "watcher");
        await alice.SendAsync("""{"type":"message","message":"before you came"}""" + "\n");
        await watcher.ReadUntilAsync(f => f.Str("message") == "before you came");

        await using var text = await RawClient.ConnectAsync(server.Text);
        Assert.Equal("NICK", await text.ReceiveAsync());
        await text.SendAsync("pat\n");
        var replay = await text.ReadLineUntilAsync(l => l.Contains("before you came", StringComparison.Ordinal));
        Assert.Matches(@"^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\] alice: before you came$", replay);

        await text.SendAsync("/history 5\n");
        Assert.Equal("Last message in #general:", await text.ReadLineUntilAsync(l => l.StartsWith("Last", StringComparison.Ordinal)));
        Assert.EndsWith("] alice: before you came", await text.ReadLineAsync(), StringComparison.Ordinal);
        await text.SendAsync("/search came\n");
        Assert.Equal("1 message matches \"came\":", await text.ReadLineUntilAsync(l => l.Contains("match", StringComparison.Ordinal)));
        Assert.EndsWith("] #general alice: before you came", await text.ReadLineAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_history_off_nothing_is_replayed_and_requests_say_so()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:History:Enabled"] = "false" });
        await using var alice = await JsonClient.HelloAsync(server.Json, "alice");
        await alice.SendAsync("""{"type":"history"}""" + "\n");
        var error = await alice.ReadUntilAsync(f => f.Str("type") == "error");
        Assert.Equal("history-off", error.Str("code"));
        Assert.False(server.Hub.HistoryEnabled);
    }

    [Fact]
    public async Task Retention_trims_a_room_to_its_cap_in_the_background()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:History:MaxMessagesPerRoom"] = "2",
            ["Parley:History:PruneInterval"] = "00:00:00.050",
        });
        await using var alice = await JsonClient.HelloAsync(server.Json, "alice");
        await using var watcher = await JsonClient.HelloAsync(server.Json, "watcher");
        for (var i = 0; i < 5; i++)
        {
            await alice.SendAsync($$"""{"type":"message","message":"r{{i}}"}""" + "\n");
            await watcher.ReadUntilAsync(f => f.Str("message") == $"r{i}");
        }

        // Bounded: a pass runs every 50 ms; ask until the page is down to the cap, for at most 10 s.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            await watcher.SendAsync("""{"type":"history"}""" + "\n");
            var page = await watcher.ReadUntilAsync(f => f.Str("type") == "history");
            if (Ids(page).Length == 2)
            {
                Assert.Equal(["r3", "r4"], page.GetProperty("messages").EnumerateArray().Select(m => m.Str("message")));
                break;
            }

            await Task.Delay(50, deadline.Token);
        }
    }

    private static long[] Ids(JsonElement page) => [.. page.GetProperty("messages").EnumerateArray().Select(m => m.Num("id")!.Value)];
}
