using Parley.Core.History;

namespace Parley.Server.Tests.Storage;

/// <summary>Direct messages by identity (issue 10) and the conversation listing (CHATHISTORY TARGETS), for every store.</summary>
public abstract partial class HistoryStoreContract
{
    [Fact]
    public async Task A_guest_reads_only_the_direct_messages_of_its_nick_since_it_took_it()
    {
        await Store.AppendAsync(
        [
            Direct(1, "alice", "bob", "from the first alice", minutes: 1),
            Direct(2, "bob", "alice", "to the first alice", minutes: 2),
            Direct(3, "alice", "bob", "from the second alice", minutes: 5) with { Time = T0.AddMinutes(5).AddTicks(1_000) },
        ], default);

        // The second alice took the nick at minute 4: the first alice's conversation is not hers.
        Assert.Equal(new long[] { 3 }, Ids(await Store.ReadDirectAsync(new DirectParty("ALICE", null, T0.AddMinutes(4)), "bob", HistoryRange.Latest(10), default)));

        // Stores keep milliseconds: a message of the millisecond the nick was taken in is the taker's.
        Assert.Equal(new long[] { 3 }, Ids(await Store.ReadDirectAsync(new DirectParty("alice", null, T0.AddMinutes(5).AddTicks(5_000)), "bob", HistoryRange.Latest(10), default)));
        Assert.Empty(await Store.ReadDirectAsync(new DirectParty("alice", null, T0.AddMinutes(6)), "bob", HistoryRange.Latest(10), default));

        // bob was a party to all three, whoever "alice" was.
        Assert.Equal(new long[] { 1, 2, 3 }, Ids(await Store.ReadDirectAsync(Guest("bob"), "alice", HistoryRange.Latest(10), default)));
    }

    [Fact]
    public async Task An_account_reads_its_direct_messages_under_any_nick_and_a_guest_of_its_nick_does_not()
    {
        await Store.AppendAsync(
        [
            Direct(1, "alice", "bob", "as the account alice", minutes: 1) with { SenderAccount = "alice" },
            Direct(2, "bob", "al2", "to the account alice, nick al2", minutes: 2) with { RecipientAccount = "Alice" },
            Direct(3, "alice", "bob", "a guest called alice", minutes: 3),
            Direct(4, "bob", "carol", "not alice's", minutes: 4) with { SenderAccount = "bob", RecipientAccount = "carol" },
        ], default);

        var account = new DirectParty("someone", "ALICE", T0.AddMinutes(10));
        var page = await Store.ReadDirectAsync(account, "bob", HistoryRange.Latest(10), default);
        Assert.Equal(new long[] { 1, 2 }, Ids(page));
        Assert.Equal(("alice", (string?)null), (page[0].SenderAccount, page[0].RecipientAccount));
        Assert.Equal((null, "Alice"), (page[1].SenderAccount, page[1].RecipientAccount));

        // A guest "alice" (since the start) sees only the guest row; the account holder also its own guest rows of
        // its present nick since it took it (before logging in, in this session).
        Assert.Equal(new long[] { 3 }, Ids(await Store.ReadDirectAsync(Guest("alice"), "bob", HistoryRange.Latest(10), default)));
        Assert.Equal(new long[] { 1, 2, 3 }, Ids(await Store.ReadDirectAsync(new DirectParty("alice", "alice", T0.AddMinutes(3)), "bob", HistoryRange.Latest(10), default)));

        // Paging keeps the rule.
        Assert.Equal(new long[] { 2 }, Ids(await Store.ReadDirectAsync(account, "bob", new HistoryRange(null, 1, 10), default)));
    }

    [Fact]
    public async Task Search_finds_own_direct_messages_by_identity_only()
    {
        await Store.AppendAsync(
        [
            Direct(1, "alice", "bob", "secret plan", minutes: 1),
            Direct(2, "alice", "bob", "secret plan two", minutes: 2) with { SenderAccount = "alice" },
            Direct(3, "bob", "alice", "secret reply", minutes: 3),
        ], default);

        Assert.Empty(await Store.SearchAsync(new HistorySearch("secret", [], new DirectParty("alice", null, T0.AddMinutes(5)), null, 10), default));
        Assert.Equal(new long[] { 2 }, Ids(await Store.SearchAsync(new HistorySearch("secret", [], new DirectParty("al", "alice", T0.AddMinutes(5)), null, 10), default)));
        Assert.Equal(new long[] { 3, 1 }, Ids(await Store.SearchAsync(new HistorySearch("secret", [], Guest("alice"), null, 10), default)));
        Assert.Equal(new long[] { 3, 2, 1 }, Ids(await Store.SearchAsync(new HistorySearch("secret", [], Guest("bob"), null, 10), default)));
    }

    [Fact]
    public async Task Targets_list_rooms_and_direct_partners_by_their_latest_message_in_the_window()
    {
        await Store.AppendAsync(
        [
            Room(1, "#general", "bob", "hi", minutes: 1),
            Direct(2, "alice", "bob", "dm", minutes: 2),
            Room(3, "#rust", "carol", "r", minutes: 3),
            Direct(4, "carol", "alice", "dm", minutes: 4),
            Room(5, "#secret", "bob", "not a room of the reader", minutes: 5),
            Direct(6, "bob", "carol", "not alice's", minutes: 6),
            Direct(7, "BOB", "alice", "bob's latest, spelt as then", minutes: 7),
            Direct(8, "bob", "al", "to the account alice", minutes: 8) with { RecipientAccount = "alice" },
            Direct(9, "al", "dave", "from the account alice", minutes: 9) with { SenderAccount = "alice" },
        ], default);

        var alice = Guest("alice");
        string[] rooms = ["#GENERAL", "#rust"];
        Task<IReadOnlyList<HistoryTarget>> Targets(DirectParty party, int from, int to, int limit = 10, bool newestFirst = false, string[]? only = null) =>
            Store.ReadTargetsAsync(new HistoryTargetQuery(party, only ?? rooms, T0.AddMinutes(from), T0.AddMinutes(to), limit, newestFirst), default);

        Assert.Equal(
            [new HistoryTarget("#GENERAL", true, T0.AddMinutes(1)), new HistoryTarget("#rust", true, T0.AddMinutes(3)), new HistoryTarget("carol", false, T0.AddMinutes(4)), new HistoryTarget("BOB", false, T0.AddMinutes(7))],
            await Targets(alice, -60, 60));
        Assert.Equal(["#GENERAL", "#rust"], Names(await Targets(alice, -60, 60, limit: 2)));
        Assert.Equal(["BOB", "carol"], Names(await Targets(alice, -60, 60, limit: 2, newestFirst: true)));

        // Both bounds exclusive; bob's latest (minute 7) is outside, so his minute-2 message does not list him.
        Assert.Equal(["#rust", "carol", "BOB"], Names(await Targets(alice, 1, 60)));
        Assert.Equal(["#rust", "carol"], Names(await Targets(alice, 1, 7)));

        // Identity: a guest alice since minute 5 has only bob's minute-7 message; the account alice its own rows.
        Assert.Equal(["BOB"], Names(await Targets(new DirectParty("alice", null, T0.AddMinutes(5)), -60, 60, only: [])));
        Assert.Equal(
            [new HistoryTarget("bob", false, T0.AddMinutes(8)), new HistoryTarget("dave", false, T0.AddMinutes(9))],
            await Targets(new DirectParty("al", "alice", T0.AddMinutes(60)), -60, 60, only: []));
        Assert.Empty(await Targets(alice, 60, 120));
    }

    private static string[] Names(IEnumerable<HistoryTarget> targets) => [.. targets.Select(t => t.Name)];
}
