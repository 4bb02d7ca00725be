using Parley.Core.History;

namespace Parley.Server.Tests.Storage;

/// <summary>
/// The history port's contract, run against every store: SQLite here, PostgreSQL by deriving the same class.
/// A derived class supplies a fresh, empty, opened store per test (and closes it in <see cref="DisposeStoreAsync"/>).
/// </summary>
public abstract partial class HistoryStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    protected IHistoryStore Store { get; private set; } = null!;

    public async Task InitializeAsync() => Store = await OpenEmptyStoreAsync();

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        await DisposeStoreAsync();
    }

    protected abstract Task<IHistoryStore> OpenEmptyStoreAsync();

    protected virtual Task DisposeStoreAsync() => Task.CompletedTask;

    protected static HistoryEntry Room(long id, string room, string sender, string text, int minutes = 0) =>
        new(id, room, sender, null, text, id, T0.AddMinutes(minutes));

    /// <summary>A guest reader who took its nick before every message of these tests.</summary>
    protected static DirectParty Guest(string nick) => new(nick, null, DateTimeOffset.UnixEpoch);

    protected static HistoryEntry Direct(long id, string sender, string recipient, string text, int minutes = 0) =>
        new(id, null, sender, recipient, text, id, T0.AddMinutes(minutes));

    [Fact]
    public async Task A_batch_appended_again_is_kept_once()
    {
        // The writer's retry after a commit whose acknowledgement was lost: the rows are there already.
        HistoryEntry[] batch = [Room(1, "#general", "alice", "one"), Room(2, "#general", "bob", "two")];
        await Store.AppendAsync(batch, default);
        await Store.AppendAsync(batch, default);

        Assert.Equal(["one", "two"], (await Store.ReadRoomAsync("#general", HistoryRange.Latest(10), default)).Select(e => e.Text));
        Assert.Single(await Store.SearchAsync(new HistorySearch("one", ["#general"], new DirectParty("alice", null, T0), null, 10), default));
    }

    [Fact]
    public async Task A_batch_reads_back_exactly_oldest_first()
    {
        var entries = new[] { Room(1, "#general", "alice", "hello"), Room(2, "#general", "bob", "héllo ✓ \"quoted\"", 1), Room(3, "#rust", "alice", "elsewhere", 2) };
        await Store.AppendAsync(entries, default);

        var page = await Store.ReadRoomAsync("#GENERAL", HistoryRange.Latest(10), default);

        Assert.Equal(entries[..2], page);
    }

    [Fact]
    public async Task Pages_before_and_after_an_id_are_stable_and_bounded()
    {
        await Store.AppendAsync([.. Enumerable.Range(1, 30).Select(i => Room(i * 2, "#general", "alice", $"m{i}"))], default);

        Assert.Equal(new long[] { 52, 54, 56, 58, 60 }, Ids(await Store.ReadRoomAsync("#general", HistoryRange.Latest(5), default)));
        Assert.Equal(new long[] { 42, 44, 46, 48, 50 }, Ids(await Store.ReadRoomAsync("#general", new HistoryRange(52, null, 5), default)));
        Assert.Equal(new long[] { 12, 14, 16 }, Ids(await Store.ReadRoomAsync("#general", new HistoryRange(null, 10, 3), default)));
        Assert.Equal(new long[] { 14, 16, 18 }, Ids(await Store.ReadRoomAsync("#general", new HistoryRange(20, 12, 10), default)));
        Assert.Empty(await Store.ReadRoomAsync("#general", new HistoryRange(2, null, 5), default));
        Assert.Empty(await Store.ReadRoomAsync("#empty", HistoryRange.Latest(5), default));
    }

    [Fact]
    public async Task Time_bounds_and_oldest_first_pages_narrow_a_range()
    {
        // Messages one minute apart, plus one a fraction of a millisecond into minute 5 (a store may keep finer times).
        var entries = Enumerable.Range(1, 10).Select(i => Room(i, "#general", "alice", $"m{i}", minutes: i)).ToList();
        entries.Add(Room(11, "#general", "alice", "late", minutes: 5) with { Time = T0.AddMinutes(5).AddTicks(5_000) });
        entries.Add(Direct(12, "alice", "bob", "dm", minutes: 4));
        await Store.AppendAsync(entries, default);

        var since4 = new HistoryRange(null, null, 100) { Since = T0.AddMinutes(4) };
        Assert.Equal(new long[] { 4, 5, 6, 7, 8, 9, 10, 11 }, Ids(await Store.ReadRoomAsync("#general", since4, default)));
        Assert.Equal(new long[] { 10, 11 }, Ids(await Store.ReadRoomAsync("#general", since4 with { Limit = 2 }, default)));
        Assert.Equal(new long[] { 4, 5 }, Ids(await Store.ReadRoomAsync("#general", since4 with { Limit = 2, FromOldest = true }, default)));
        Assert.Equal(new long[] { 1, 2, 3 }, Ids(await Store.ReadRoomAsync("#general", new HistoryRange(null, null, 100) { Until = T0.AddMinutes(4) }, default)));
        Assert.Equal(new long[] { 5, 6, 11 }, Ids(await Store.ReadRoomAsync("#general", new HistoryRange(null, null, 100) { Since = T0.AddMinutes(5), Until = T0.AddMinutes(7) }, default)));
        Assert.Equal(new long[] { 5, 11 }, Ids(await Store.ReadRoomAsync("#general", new HistoryRange(null, null, 100) { Since = T0.AddMinutes(5), Until = T0.AddMinutes(5).AddMilliseconds(1) }, default)));
        Assert.Equal(new long[] { 3, 4 }, Ids(await Store.ReadRoomAsync("#general", new HistoryRange(8, 2, 2) { FromOldest = true }, default)));
        Assert.Equal(new long[] { 6, 7 }, Ids(await Store.ReadRoomAsync("#general", new HistoryRange(8, 2, 2), default)));
        Assert.Equal(new long[] { 12 }, Ids(await Store.ReadDirectAsync(Guest("bob"), "alice", new HistoryRange(null, null, 10) { Since = T0.AddMinutes(4), Until = T0.AddMinutes(5) }, default)));
        Assert.Empty(await Store.ReadDirectAsync(Guest("bob"), "alice", new HistoryRange(null, null, 10) { Since = T0.AddMinutes(5) }, default));
    }

    [Fact]
    public async Task Direct_messages_are_read_only_between_their_two_parties()
    {
        await Store.AppendAsync(
        [
            Direct(1, "alice", "bob", "hi bob"),
            Direct(2, "bob", "alice", "hi alice"),
            Direct(3, "alice", "carol", "hi carol"),
            Room(4, "#general", "alice", "public"),
        ], default);

        Assert.Equal(new long[] { 1, 2 }, Ids(await Store.ReadDirectAsync(Guest("Bob"), "ALICE", HistoryRange.Latest(10), default)));
        Assert.Equal(new long[] { 3 }, Ids(await Store.ReadDirectAsync(Guest("carol"), "alice", HistoryRange.Latest(10), default)));
        Assert.Empty(await Store.ReadDirectAsync(Guest("carol"), "bob", HistoryRange.Latest(10), default));
    }

    [Fact]
    public async Task Search_finds_every_word_in_the_given_rooms_and_own_direct_messages_newest_first()
    {
        await Store.AppendAsync(
        [
            Room(1, "#general", "alice", "the red fox jumps"),
            Room(2, "#secret", "bob", "red fox in secret"),
            Room(3, "#general", "bob", "a red herring"),
            Direct(4, "bob", "carol", "red fox for carol"),
            Direct(7, "alice", "carol", "red fox, not for bob"),
            Direct(5, "alice", "bob", "red fox for bob"),
            Room(6, "#general", "carol", "Fox, red!"),
        ], default);

        var found = await Store.SearchAsync(new HistorySearch("red fox", ["#general"], Guest("bob"), null, 10), default);
        Assert.Equal(new long[] { 6, 5, 4, 1 }, Ids(found));

        var older = await Store.SearchAsync(new HistorySearch("red fox", ["#general"], Guest("bob"), 6, 1), default);
        Assert.Equal(new long[] { 5 }, Ids(older));

        Assert.Empty(await Store.SearchAsync(new HistorySearch("fox", [], Guest("nobody"), null, 10), default));
    }

    [Fact]
    public async Task Search_text_is_words_never_query_syntax()
    {
        await Store.AppendAsync([Room(1, "#general", "alice", "say \"NEAR\" OR AND * ( ) - x")], default);

        foreach (var query in new[] { "\"NEAR\"", "OR", "AND *", "( )", "-", "\"", "x*" })
        {
            await Store.SearchAsync(new HistorySearch(query, ["#general"], Guest("alice"), null, 10), default);
        }

        Assert.Equal(new long[] { 1 }, Ids(await Store.SearchAsync(new HistorySearch("\"near\" or", ["#general"], Guest("alice"), null, 10), default)));
    }

    [Fact]
    public async Task Retention_deletes_by_age_and_per_room_cap_in_bounded_steps()
    {
        await Store.SaveRoomAsync(new StoredRoom("#general", null), default);
        await Store.SaveRoomAsync(new StoredRoom("#rust", null), default);
        await Store.AppendAsync([.. Enumerable.Range(1, 20).Select(i => Room(i, "#general", "alice", $"m{i}", minutes: i))], default);
        await Store.AppendAsync([.. Enumerable.Range(21, 5).Select(i => Room(i, "#rust", "alice", $"m{i}", minutes: i))], default);
        await Store.AppendAsync([Direct(26, "alice", "bob", "old", minutes: 0)], default);

        // Older than minute 5: ids 1-4 and the direct message; at most 3 per step.
        Assert.Equal(3, await Store.PruneAsync(T0.AddMinutes(5), 0, 3, default));
        Assert.Equal(2, await Store.PruneAsync(T0.AddMinutes(5), 0, 3, default));
        Assert.Equal(0, await Store.PruneAsync(T0.AddMinutes(5), 0, 3, default));
        Assert.Empty(await Store.ReadDirectAsync(Guest("alice"), "bob", HistoryRange.Latest(10), default));

        // Cap 10 per room: #general keeps 11..20, #rust keeps all 5.
        while (await Store.PruneAsync(null, 10, 2, default) > 0)
        {
        }

        Assert.Equal(Enumerable.Range(11, 10).Select(i => (long)i).ToArray(), Ids(await Store.ReadRoomAsync("#general", HistoryRange.Latest(100), default)));
        Assert.Equal(5, (await Store.ReadRoomAsync("#rust", HistoryRange.Latest(100), default)).Count);
        Assert.Empty(await Store.SearchAsync(new HistorySearch("m3", ["#general"], Guest("alice"), null, 10), default));
    }

    [Fact]
    public async Task Rooms_are_remembered_once_with_their_topic()
    {
        await Store.SaveRoomAsync(new StoredRoom("#general", null), default);
        await Store.SaveRoomAsync(new StoredRoom("#rust", "Rust talk"), default);
        await Store.SaveRoomAsync(new StoredRoom("#RUST", null), default);

        Assert.Equal([new StoredRoom("#general", null), new StoredRoom("#rust", "Rust talk")], await Store.LoadRoomsAsync(default));
    }

    private static long[] Ids(IEnumerable<HistoryEntry> entries) => [.. entries.Select(e => e.Id)];
}
