using Microsoft.Data.Sqlite;

using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.History;

/// <summary>
/// Issue 10 over real IRC sockets and a real SQLite file: with history on, an echo-message echo acknowledges a stored
/// message, and what a client sends after a PRIVMSG is answered only once that message is stored and handed to
/// delivery. To make "before the commit" observable without timing, the test holds the file's write lock in a
/// transaction of its own: nothing the server stores can commit meanwhile. A third client then sends the sender a
/// NOTICE (never stored, delivered at once) and waits for its own PONG, so the marker is in the sender's output before
/// the lock is released. Anything the server lets out before its commit comes before the marker; what waits for the
/// commit comes after it.
/// </summary>
public sealed class IrcEchoOrderTests : IAsyncLifetime
{
    private const string Marker = "commit-held";
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"parley-echo-order-{Guid.NewGuid():N}.db");
    private TestServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:History:Data"] = _data,

            // Longer than any test holds the lock: the writer waits for it rather than giving up.
            ["Parley:History:LockTimeout"] = "00:01:00",
        });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(_data + suffix);
        }
    }

    [Fact]
    public async Task An_echo_of_a_room_message_comes_after_its_commit()
    {
        await using var alice = await ConnectAsync("alice", "echo-message");
        await using var carol = await ConnectAsync("carol");
        await JoinAsync("#echo", alice);

        await WhileCommitsAreHeldAsync(carol, "alice", () => alice.SendAsync("PRIVMSG #echo :stored first"));

        var lines = await ReadThroughAsync(alice, "PRIVMSG #echo :stored first");
        Assert.True(Stored("stored first"), "The echo arrived before the message was stored.");
        AssertMarkerFirst(lines);
    }

    [Fact]
    public async Task An_echo_of_a_direct_message_comes_after_its_commit_and_after_the_recipient_has_it()
    {
        await using var alice = await ConnectAsync("alice", "echo-message");
        await using var bob = await ConnectAsync("bob");
        await using var carol = await ConnectAsync("carol");

        await WhileCommitsAreHeldAsync(carol, "alice", () => alice.SendAsync("PRIVMSG bob :for bob"));

        AssertMarkerFirst(await ReadThroughAsync(alice, "PRIVMSG bob :for bob"));
        Assert.True(Stored("for bob"), "The echo arrived before the message was stored.");

        // Handed over before the echo: bob's next answer cannot overtake it.
        await bob.SendAsync("PING :after");
        Assert.Contains(await ReadThroughAsync(bob, "PONG"), l => l.EndsWith("PRIVMSG bob :for bob", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_ping_after_a_privmsg_is_answered_once_the_message_is_stored_and_handed_over()
    {
        await using var alice = await ConnectAsync("alice");
        await using var bob = await ConnectAsync("bob");
        await using var carol = await ConnectAsync("carol");
        await JoinAsync("#ping", alice, bob);

        await WhileCommitsAreHeldAsync(carol, "alice", () => alice.SendAsync("PRIVMSG #ping :room first", "PRIVMSG bob :direct first", "PING :done"));

        AssertMarkerFirst(await ReadThroughAsync(alice, "PONG"));
        Assert.True(Stored("room first") && Stored("direct first"), "PONG arrived before the messages were stored.");
        await bob.SendAsync("PING :bob");
        var bobs = await ReadThroughAsync(bob, "PONG");
        Assert.Contains(bobs, l => l.EndsWith("PRIVMSG bob :direct first", StringComparison.Ordinal));

        // The room's copy was handed to the room's dispatcher, which may send it a fan-out interval later.
        if (!bobs.Any(l => l.EndsWith("PRIVMSG #ping :room first", StringComparison.Ordinal)))
        {
            await bob.ExpectTextAsync("PRIVMSG #ping :room first");
        }
    }

    [Fact]
    public async Task A_labeled_privmsg_gets_its_echo_labeled_after_the_commit()
    {
        await using var alice = await ConnectAsync("alice", "echo-message message-tags batch labeled-response");
        await using var bob = await ConnectAsync("bob");
        await using var carol = await ConnectAsync("carol");
        await JoinAsync("#label", alice, bob);

        await WhileCommitsAreHeldAsync(carol, "alice", () => alice.SendAsync("@label=r1 PRIVMSG #label :labeled", "@label=d1 PRIVMSG bob :labeled dm"));

        var room = await ReadThroughAsync(alice, "PRIVMSG #label :labeled");
        AssertMarkerFirst(room);
        Assert.True(room[^1].StartsWith("@label=r1;", StringComparison.Ordinal), string.Join(" | ", room));
        Assert.True(Stored("labeled"));
        var direct = await alice.ExpectTextAsync("PRIVMSG bob :labeled dm");
        Assert.StartsWith("@label=d1;", direct, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_clients_exchanging_direct_messages_see_them_in_the_same_order()
    {
        await using var alice = await ConnectAsync("alice", "echo-message");
        await using var bob = await ConnectAsync("bob", "echo-message");
        var expected = new List<string>();
        var seenByAlice = new List<string>();
        var seenByBob = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            // Each waits only for its own echo, as irctest's chathistory DMs test does, never for the other's copy.
            await alice.SendAsync($"PRIVMSG bob :a{i}");
            seenByAlice.AddRange(await ReadThroughAsync(alice, $"PRIVMSG bob :a{i}"));
            await bob.SendAsync($"PRIVMSG alice :b{i}");
            seenByBob.AddRange(await ReadThroughAsync(bob, $"PRIVMSG alice :b{i}"));
            expected.Add($"a{i}");
            expected.Add($"b{i}");
        }

        seenByAlice.AddRange(await ReadThroughAsync(alice, "PRIVMSG alice :b9"));
        Assert.Equal(expected, Texts(seenByAlice));
        Assert.Equal(expected, Texts(seenByBob));
    }

    private static List<string> Texts(List<string> lines) =>
        [.. lines.Where(l => IrcClient.CommandOf(l) == "PRIVMSG").Select(l => l[(l.LastIndexOf(" :", StringComparison.Ordinal) + 2)..])];

    /// <summary>Holds the database's write lock while <paramref name="send"/> runs and its first message reaches the
    /// writer, then until <paramref name="marker"/> has sent <paramref name="target"/> the marker NOTICE and seen its own PONG (so the marker is in the target's
    /// output); then lets the server commit.</summary>
    private async Task WhileCommitsAreHeldAsync(IrcClient marker, string target, Func<Task> send)
    {
        await using var connection = new SqliteConnection($"Data Source={_data};Pooling=False");
        await connection.OpenAsync();
        await using (var hold = connection.CreateCommand())
        {
            hold.CommandText = "BEGIN IMMEDIATE;";
            await hold.ExecuteNonQueryAsync();
        }

        await send();

        // The sender's first message has reached the writer (and waits on the lock): whatever the server lets out
        // without waiting for it is on its way by then, ahead of the marker. A poll of in-process state, bounded.
        var deadline = DateTime.UtcNow + RawClient.DefaultTimeout;
        while (_server.Hub.HistoryPending == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The message never reached the history writer.");
            await Task.Delay(5);
        }

        await marker.SendAsync($"NOTICE {target} :{Marker}", "PING :marked");
        await marker.ExpectAsync("PONG");
        await using var release = connection.CreateCommand();
        release.CommandText = "ROLLBACK;";
        await release.ExecuteNonQueryAsync();
    }

    private static void AssertMarkerFirst(List<string> lines) =>
        Assert.True(
            lines.Take(lines.Count - 1).Any(l => l.EndsWith(Marker, StringComparison.Ordinal)),
            "Seen before the commit was let through: " + string.Join(" | ", lines));

    /// <summary>Every line up to and including the first that contains <paramref name="text"/>.</summary>
    private static async Task<List<string>> ReadThroughAsync(IrcClient irc, string text)
    {
        var lines = new List<string>();
        await irc.Raw.ReadLineUntilAsync(l =>
        {
            lines.Add(l);
            return l.Contains(text, StringComparison.Ordinal);
        });
        return lines;
    }

    private bool Stored(string text)
    {
        using var connection = new SqliteConnection($"Data Source={_data};Pooling=False;Mode=ReadOnly");
        connection.Open();
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT COUNT(*) FROM messages WHERE text = $text;";
        query.Parameters.AddWithValue("$text", text);
        return (long)query.ExecuteScalar()! == 1;
    }

    private async Task<IrcClient> ConnectAsync(string nick, string? caps = null)
    {
        var irc = await IrcClient.ConnectAsync(_server.Irc);
        if (caps is not null)
        {
            await irc.SendAsync("CAP REQ :" + caps);
        }

        await irc.SendAsync($"NICK {nick}", $"USER {nick} 0 * :{nick} test", "CAP END");
        await irc.ExpectAsync("376");
        return irc;
    }

    /// <summary>Each member joins in turn; the members already there have each newcomer's JOIN before the next step,
    /// so no JOIN is still on its way to them when a test's own lines start.</summary>
    private static async Task JoinAsync(string room, params IrcClient[] members)
    {
        for (var i = 0; i < members.Length; i++)
        {
            await members[i].SendAsync($"JOIN {room}");
            await members[i].ExpectAsync("366");
            for (var earlier = 0; earlier < i; earlier++)
            {
                await members[earlier].ExpectAsync("JOIN");
            }
        }
    }
}
