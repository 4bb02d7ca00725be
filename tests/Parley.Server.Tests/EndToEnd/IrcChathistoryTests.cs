using System.Globalization;

using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.EndToEnd;

/// <summary>IRCv3 draft/chathistory over a real IRC socket, against a real SQLite history file: every subcommand, both
/// reference types, paging, FAIL replies and the privacy of direct-message history.</summary>
public sealed class IrcChathistoryTests : IAsyncLifetime
{
    private const string Caps = "batch server-time message-tags draft/chathistory";
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"parley-chathistory-{Guid.NewGuid():N}.db");
    private TestServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:History:Data"] = _data });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(_data + suffix);
        }
    }

    [Fact]
    public async Task Chathistory_is_offered_with_its_isupport_tokens()
    {
        await using var irc = await IrcClient.ConnectAsync(_server.Irc);
        await irc.SendAsync("CAP LS 302");
        Assert.Contains("draft/chathistory", await irc.ExpectAsync("CAP"), StringComparison.Ordinal);
        await irc.SendAsync("CAP END", "NICK tokens", "USER tokens 0 * :t");
        var isupport = string.Empty;
        for (var line = await irc.ExpectAsync("005"); ; line = await irc.ExpectAsync("005"))
        {
            isupport += line;
            if (isupport.Contains("MSGREFTYPES", StringComparison.Ordinal))
            {
                break;
            }
        }

        Assert.Contains(" CHATHISTORY=500 ", isupport, StringComparison.Ordinal);
        Assert.Contains(" MSGREFTYPES=msgid,timestamp ", isupport, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Latest_before_after_around_and_between_by_msgid()
    {
        var (alice, bob, sent) = await TenMessagesAsync("#ids");
        await using var _ = alice;
        await using var __ = bob;

        Assert.Equal(sent[7..], await HistoryAsync(bob, "LATEST #ids * 3"));
        Assert.Equal(sent[5..], await HistoryAsync(bob, $"LATEST #ids msgid={sent[4].Id} 100"));
        Assert.Equal(sent[4..6], await HistoryAsync(bob, $"BEFORE #ids msgid={sent[6].Id} 2"));
        Assert.Equal(sent[..6], await HistoryAsync(bob, $"BEFORE #ids msgid={sent[6].Id} 100"));
        Assert.Equal(sent[4..7], await HistoryAsync(bob, $"AFTER #ids msgid={sent[3].Id} 3"));
        Assert.Equal([sent[7]], await HistoryAsync(bob, $"AROUND #ids msgid={sent[7].Id} 1"));
        Assert.Equal(sent[6..9], await HistoryAsync(bob, $"AROUND #ids msgid={sent[7].Id} 3"));
        Assert.Equal(sent[1..9], await HistoryAsync(bob, $"BETWEEN #ids msgid={sent[0].Id} msgid={sent[9].Id} 100"));
        Assert.Equal(sent[1..4], await HistoryAsync(bob, $"BETWEEN #ids msgid={sent[0].Id} msgid={sent[9].Id} 3"));
        Assert.Equal(sent[6..9], await HistoryAsync(bob, $"BETWEEN #ids msgid={sent[9].Id} msgid={sent[0].Id} 3"));
    }

    [Fact]
    public async Task Timestamp_references_bound_by_the_millisecond_of_server_time()
    {
        var (alice, bob, sent) = await TenMessagesAsync("#times");
        await using var _ = alice;
        await using var __ = bob;

        // Several messages may share a millisecond: the expected pages follow from the times the server gave them.
        var t3 = sent[3].Time;
        var t7 = sent[7].Time;
        Assert.Equal(sent.Where(m => m.Time > t3).ToArray(), await HistoryAsync(bob, $"AFTER #times timestamp={Stamp(t3)} 100"));
        Assert.Equal(sent.Where(m => m.Time < t7).ToArray(), await HistoryAsync(bob, $"BEFORE #times timestamp={Stamp(t7)} 100"));
        Assert.Equal(sent.Where(m => m.Time > t3).TakeLast(2).ToArray(), await HistoryAsync(bob, $"LATEST #times timestamp={Stamp(t3)} 2"));
        Assert.Equal(sent.Where(m => m.Time > t3 && m.Time < t7).ToArray(), await HistoryAsync(bob, $"BETWEEN #times timestamp={Stamp(t3)} timestamp={Stamp(t7)} 100"));
        Assert.Contains(sent[7], await HistoryAsync(bob, $"AROUND #times timestamp={Stamp(t7)} 3"));
    }

    [Fact]
    public async Task Paging_backwards_with_before_reads_every_message_once_in_order()
    {
        var (alice, bob, sent) = await TenMessagesAsync("#pages");
        await using var _ = alice;
        await using var __ = bob;

        var read = new List<Sent>();
        var page = await HistoryAsync(bob, "LATEST #pages * 4");
        while (page.Length > 0)
        {
            read.InsertRange(0, page);
            page = await HistoryAsync(bob, $"BEFORE #pages msgid={page[0].Id} 4");
        }

        Assert.Equal(sent, read);
    }

    [Fact]
    public async Task The_batch_lines_carry_the_original_source_time_and_msgid()
    {
        var (alice, bob, sent) = await TenMessagesAsync("#lines");
        await using var _ = alice;
        await using var __ = bob;

        await bob.SendAsync("CHATHISTORY LATEST #lines * 1");
        var open = await bob.ExpectAsync("BATCH");
        var id = open.Split(' ')[2][1..];
        Assert.Equal($":parley BATCH +{id} chathistory #lines", open);
        Assert.Equal($"@batch={id};time={Stamp(sent[9].Time)};msgid={sent[9].Id} :alicelines!alicelines@parley PRIVMSG #lines :m9", await bob.ReadLineAsync());
        Assert.Equal($":parley BATCH -{id}", await bob.ReadLineAsync());

        // A labeled request: the batch is the whole answer, so its opening line takes the label.
        await bob.SendAsync("CAP REQ labeled-response");
        await bob.ExpectAsync("CAP");
        await bob.SendAsync("@label=h1 CHATHISTORY LATEST #lines * 1");
        Assert.StartsWith("@label=h1 :parley BATCH +", await bob.ExpectAsync("BATCH"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_requests_get_fail_replies()
    {
        var (alice, bob, _) = await TenMessagesAsync("#fails");
        await using var a = alice;
        await using var b = bob;
        await using var outsider = await IrcClient.RegisterAsync(_server.Irc, "outsider");
        await outsider.SendAsync("CAP REQ :" + Caps);
        await outsider.ExpectAsync("CAP");

        await outsider.SendAsync("CHATHISTORY LATEST #fails * 10");
        Assert.StartsWith(":parley FAIL CHATHISTORY INVALID_TARGET LATEST #fails :", Untagged(await outsider.ExpectAsync("FAIL")), StringComparison.Ordinal);
        await outsider.SendAsync("CHATHISTORY LATEST #nowhere * 10");
        Assert.StartsWith(":parley FAIL CHATHISTORY INVALID_TARGET LATEST #nowhere :", Untagged(await outsider.ExpectAsync("FAIL")), StringComparison.Ordinal);

        await bob.SendAsync("CHATHISTORY BEFORE #fails msgid=abc 10");
        Assert.StartsWith(":parley FAIL CHATHISTORY INVALID_PARAMS BEFORE :", Untagged(await bob.ExpectAsync("FAIL")), StringComparison.Ordinal);
        await bob.SendAsync("CHATHISTORY BEFORE #fails * 10");
        Assert.StartsWith(":parley FAIL CHATHISTORY INVALID_PARAMS BEFORE :", Untagged(await bob.ExpectAsync("FAIL")), StringComparison.Ordinal);
        await bob.SendAsync("CHATHISTORY AFTER #fails timestamp=yesterday 10");
        Assert.StartsWith(":parley FAIL CHATHISTORY INVALID_PARAMS AFTER :", Untagged(await bob.ExpectAsync("FAIL")), StringComparison.Ordinal);
        await bob.SendAsync("CHATHISTORY LATEST #fails * 0");
        Assert.StartsWith(":parley FAIL CHATHISTORY INVALID_PARAMS LATEST :", Untagged(await bob.ExpectAsync("FAIL")), StringComparison.Ordinal);
        await bob.SendAsync("CHATHISTORY LATEST #fails *");
        Assert.StartsWith(":parley FAIL CHATHISTORY NEED_MORE_PARAMS LATEST :", Untagged(await bob.ExpectAsync("FAIL")), StringComparison.Ordinal);
        await bob.SendAsync("CHATHISTORY");
        Assert.StartsWith(":parley FAIL CHATHISTORY NEED_MORE_PARAMS * :", Untagged(await bob.ExpectAsync("FAIL")), StringComparison.Ordinal);
        await bob.SendAsync("CHATHISTORY SIDEWAYS #fails * 10");
        Assert.StartsWith(":parley FAIL CHATHISTORY INVALID_PARAMS SIDEWAYS :", Untagged(await bob.ExpectAsync("FAIL")), StringComparison.Ordinal);

        // Still connected and answering: a limit over the cap is cut to it.
        Assert.Equal(10, (await HistoryAsync(bob, "LATEST #fails * 100000")).Length);
    }

    [Fact]
    public async Task Direct_message_history_is_read_only_by_its_two_parties()
    {
        await using var dora = await WithCapsAsync("dora");
        await using var dan = await WithCapsAsync("dan");
        await using var eve = await WithCapsAsync("eve");
        await dora.SendAsync("PRIVMSG dan :secret one", "PRIVMSG dan :secret two");
        await dan.ExpectTextAsync("secret two");
        await dan.SendAsync("PRIVMSG dora :reply");
        await dora.ExpectTextAsync(":reply");

        var danView = await HistoryAsync(dan, "LATEST dora * 10");
        Assert.Equal(["secret one", "secret two", "reply"], danView.Select(m => m.Text));
        Assert.Equal(["dora", "dora", "dan"], danView.Select(m => m.Sender));
        Assert.Equal(["secret one", "secret two", "reply"], (await HistoryAsync(dora, "LATEST dan * 10")).Select(m => m.Text));

        // Eve names either party: she only ever reads her own conversation with them, which is empty.
        Assert.Empty(await HistoryAsync(eve, "LATEST dora * 10"));
        Assert.Empty(await HistoryAsync(eve, "LATEST dan * 10"));
    }

    [Fact]
    public async Task Targets_lists_rooms_and_direct_partners_by_latest_activity()
    {
        await using var dora = await WithCapsAsync("tdora");
        await using var dan = await WithCapsAsync("tdan");
        await dora.SendAsync("JOIN #targets");
        await dora.ExpectAsync("366");
        await dan.SendAsync("JOIN #targets");
        await dan.ExpectAsync("366");
        await dora.SendAsync("PRIVMSG #targets :in the room");
        var room = Sent.Parse(await dan.ExpectAsync("PRIVMSG"), batch: null).Time;
        await dora.SendAsync("PRIVMSG tdan :direct");
        var direct = Sent.Parse(await dan.ExpectAsync("PRIVMSG"), batch: null).Time;
        DateTimeOffset fromEve;
        await using (var eve = await WithCapsAsync("teve"))
        {
            // In the room only so that dora sees her leave (then her nick is free); she says nothing there.
            await eve.SendAsync("JOIN #targets");
            await eve.ExpectAsync("366");
            await eve.SendAsync("PRIVMSG tdora :from eve");
            fromEve = Sent.Parse(await dora.ExpectAsync("PRIVMSG"), batch: null).Time;
            await eve.SendAsync("QUIT");
            await dora.ExpectAsync("QUIT");
        }

        (string, DateTimeOffset)[] all = [("#targets", room), ("tdan", direct), ("teve", fromEve)];
        var oldestFirst = all.OrderBy(t => t.Item2).ThenBy(t => t.Item1, StringComparer.Ordinal).ToArray();
        var newestFirst = all.OrderByDescending(t => t.Item2).ThenBy(t => t.Item1, StringComparer.Ordinal).ToArray();
        const string Ever = "timestamp=2020-01-01T00:00:00.000Z timestamp=2262-01-01T00:00:00.000Z";
        Assert.Equal(oldestFirst, await TargetsAsync(dora, Ever + " 10"));
        Assert.Equal(newestFirst[..2], await TargetsAsync(dora, "timestamp=2262-01-01T00:00:00.000Z timestamp=2020-01-01T00:00:00.000Z 2"));
        Assert.Equal(oldestFirst.Where(t => t.Item2 > room).ToArray(), await TargetsAsync(dora, $"timestamp={Stamp(room)} timestamp=2262-01-01T00:00:00.000Z 10"));

        // A new guest called teve is not the one who wrote to tdora: no conversation of hers is listed.
        await using var newEve = await WithCapsAsync("teve");
        Assert.Empty(await TargetsAsync(newEve, Ever + " 10"));

        await dora.SendAsync("CHATHISTORY TARGETS msgid=1 timestamp=2262-01-01T00:00:00.000Z 10");
        Assert.StartsWith(":parley FAIL CHATHISTORY INVALID_PARAMS TARGETS :", Untagged(await dora.ExpectAsync("FAIL")), StringComparison.Ordinal);
        await dora.SendAsync("CHATHISTORY TARGETS " + Ever + " 0");
        Assert.StartsWith(":parley FAIL CHATHISTORY INVALID_PARAMS TARGETS :", Untagged(await dora.ExpectAsync("FAIL")), StringComparison.Ordinal);
        await dora.SendAsync("CHATHISTORY TARGETS timestamp=2020-01-01T00:00:00.000Z");
        Assert.StartsWith(":parley FAIL CHATHISTORY NEED_MORE_PARAMS TARGETS :", Untagged(await dora.ExpectAsync("FAIL")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_history_the_cap_is_not_offered()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:History:Enabled"] = "false" });
        await using var irc = await IrcClient.ConnectAsync(server.Irc);
        await irc.SendAsync("CAP LS 302");
        Assert.DoesNotContain("chathistory", await irc.ExpectAsync("CAP"), StringComparison.Ordinal);
        await irc.SendAsync("CAP REQ draft/chathistory");
        Assert.Contains(" NAK ", await irc.ExpectAsync("CAP"), StringComparison.Ordinal);
        await irc.SendAsync("CAP END", "NICK nohist", "USER nohist 0 * :n");
        await irc.ExpectAsync("376");
        await irc.SendAsync("CHATHISTORY LATEST #general * 10");
        Assert.StartsWith(":parley FAIL CHATHISTORY MESSAGE_ERROR LATEST #general :", Untagged(await irc.ExpectAsync("FAIL")), StringComparison.Ordinal);
    }

    /// <summary>The line without its tags (server-time puts a time on every reply).</summary>
    private static string Untagged(string line) => line.StartsWith('@') ? line[(line.IndexOf(' ', StringComparison.Ordinal) + 1)..] : line;

    private static string Stamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private async Task<IrcClient> WithCapsAsync(string nick)
    {
        var irc = await IrcClient.ConnectAsync(_server.Irc);
        await irc.SendAsync("CAP REQ :" + Caps, $"NICK {nick}", $"USER {nick} 0 * :{nick} test", "CAP END");
        await irc.ExpectAsync("376");
        return irc;
    }

    /// <summary>Alice says m0..m9 in <paramref name="room"/>; Bob, a member, has received them all (so all are
    /// stored: with history on, delivery follows the commit). Returns what Bob saw live.</summary>
    private async Task<(IrcClient Alice, IrcClient Bob, Sent[] Sent)> TenMessagesAsync(string room)
    {
        var alice = await WithCapsAsync("alice" + room[1..]);
        var bob = await WithCapsAsync("bob" + room[1..]);
        await alice.SendAsync($"JOIN {room}");
        await alice.ExpectAsync("366");
        await bob.SendAsync($"JOIN {room}");
        await bob.ExpectAsync("366");
        var sent = new List<Sent>();
        for (var i = 0; i < 10; i++)
        {
            await alice.SendAsync($"PRIVMSG {room} :m{i}");
            sent.Add(Sent.Parse(await bob.ExpectAsync("PRIVMSG"), batch: null));
        }

        return (alice, bob, [.. sent]);
    }

    /// <summary>Sends <c>CHATHISTORY <paramref name="request"/></c> and returns the messages of the batch.</summary>
    private static async Task<Sent[]> HistoryAsync(IrcClient irc, string request)
    {
        await irc.SendAsync("CHATHISTORY " + request);
        var open = await irc.ExpectAsync("BATCH");
        var parts = open.Split(' ');
        Assert.Equal("chathistory", parts[3]);
        var id = parts[2][1..];
        var messages = new List<Sent>();
        for (var line = await irc.ReadLineAsync(); line != $":parley BATCH -{id}"; line = await irc.ReadLineAsync())
        {
            Assert.NotNull(line);
            messages.Add(Sent.Parse(line, id));
        }

        return [.. messages];
    }

    /// <summary>Sends <c>CHATHISTORY TARGETS <paramref name="request"/></c>; the batch's targets and their times.</summary>
    private static async Task<(string, DateTimeOffset)[]> TargetsAsync(IrcClient irc, string request)
    {
        await irc.SendAsync("CHATHISTORY TARGETS " + request);
        var open = await irc.ExpectAsync("BATCH");
        var parts = open.Split(' ');
        Assert.Equal("draft/chathistory-targets", parts[3]);
        var id = parts[2][1..];
        var targets = new List<(string, DateTimeOffset)>();
        for (var line = await irc.ReadLineAsync(); line != $":parley BATCH -{id}"; line = await irc.ReadLineAsync())
        {
            Assert.NotNull(line);
            var fields = line.Split(' ');
            Assert.Equal([$"@batch={id}", ":parley", "CHATHISTORY", "TARGETS"], fields[..4]);
            targets.Add((fields[4], DateTimeOffset.Parse(fields[5], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)));
        }

        return [.. targets];
    }

    /// <summary>A PRIVMSG as seen on the wire: its msgid, server time, sender and text.</summary>
    private sealed record Sent(long Id, DateTimeOffset Time, string Sender, string Text)
    {
        public static Sent Parse(string line, string? batch)
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var tags = line[1..space].Split(';').Select(t => t.Split('=', 2)).ToDictionary(t => t[0], t => t[1]);
            Assert.Equal(batch, tags.GetValueOrDefault("batch"));
            var rest = line[(space + 2)..];
            var sender = rest[..rest.IndexOf('!', StringComparison.Ordinal)];
            var text = rest[(rest.IndexOf(" :", StringComparison.Ordinal) + 2)..];
            return new Sent(
                long.Parse(tags["msgid"], CultureInfo.InvariantCulture),
                DateTimeOffset.Parse(tags["time"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                sender,
                text);
        }
    }
}
