using Parley.Core.History;

namespace Parley.Server.Tests.Storage;

/// <summary>
/// What every <see cref="IHistoryStore"/> must do, run against each implementation (a subclass per store supplies a
/// fresh, empty store): append, replay, paging, direct messages, search, retention and rooms, with the same results.
/// </summary>
public abstract class HistoryStoreContract : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly CancellationToken None = CancellationToken.None;
    private IHistoryStore? _store;

    protected IHistoryStore Store => _store ?? throw new InvalidOperationException("Not open.");

    public async Task InitializeAsync()
    {
        _store = await CreateStoreAsync();
        Assert.Equal(0, await _store.OpenAsync(None).WaitAsync(Timeout));
    }

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        await DisposeStoreAsync();
    }

    [Fact]
    public async Task Appended_messages_come_back_whole_and_in_id_order()
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_123_456);
        await Store.AppendAsync([new HistoryEntry(3, "#general", "alice", null, "héllo ✓ \"quoted\" 'x'", 41, time)], None).WaitAsync(Timeout);
        await Store.AppendAsync([Entry(5, "#general", "bob", "second"), Entry(4, "#other", "bob", "elsewhere")], None).WaitAsync(Timeout);

        var page = await Store.ReadRoomAsync("#general", HistoryRange.Latest(10), None).WaitAsync(Timeout);
        Assert.Equal([3L, 5L], page.Select(e => e.Id));
        Assert.Equal(new HistoryEntry(3, "#general", "alice", null, "héllo ✓ \"quoted\" 'x'", 41, time), page[0]);
    }

    [Fact]
    public async Task Room_names_match_case_insensitively()
    {
        await Store.AppendAsync([Entry(1, "#Rust", "alice", "one")], None).WaitAsync(Timeout);
        var page = await Store.ReadRoomAsync("#rust", HistoryRange.Latest(10), None).WaitAsync(Timeout);
        Assert.Equal("#Rust", Assert.Single(page).Room);
    }

    [Fact]
    public async Task Pages_before_after_and_between_are_oldest_first()
    {
        await Store.AppendAsync([.. Enumerable.Range(1, 10).Select(i => Entry(i, "#general", "alice", $"m{i}"))], None).WaitAsync(Timeout);

        Assert.Equal(new long[] { 8L, 9L, 10L }, Ids(await Store.ReadRoomAsync("#general", HistoryRange.Latest(3), None)));
        Assert.Equal(new long[] { 4L, 5L, 6L }, Ids(await Store.ReadRoomAsync("#general", new HistoryRange(7, null, 3), None)));
        Assert.Equal(new long[] { 3L, 4L, 5L }, Ids(await Store.ReadRoomAsync("#general", new HistoryRange(null, 2, 3), None)));
        Assert.Equal(new long[] { 5L, 6L }, Ids(await Store.ReadRoomAsync("#general", new HistoryRange(7, 4, 10), None)));
        Assert.Empty(await Store.ReadRoomAsync("#general", new HistoryRange(null, 10, 3), None));
        Assert.Empty(await Store.ReadRoomAsync("#nowhere", HistoryRange.Latest(3), None));
    }

    [Fact]
    public async Task Direct_messages_are_read_by_their_two_parties_in_both_directions()
    {
        await Store.AppendAsync(
            [
                Entry(1, null, "alice", "to bob", "bob"),
                Entry(2, null, "bob", "to alice", "alice"),
                Entry(3, null, "carol", "to alice", "alice"),
                Entry(4, "#general", "alice", "public"),
            ],
            None).WaitAsync(Timeout);

        Assert.Equal(new long[] { 1L, 2L }, Ids(await Store.ReadDirectAsync("alice", "BOB", HistoryRange.Latest(10), None)));
        Assert.Equal(new long[] { 1L, 2L }, Ids(await Store.ReadDirectAsync("bob", "alice", HistoryRange.Latest(10), None)));
        Assert.Equal(new long[] { 3L }, Ids(await Store.ReadDirectAsync("alice", "carol", HistoryRange.Latest(10), None)));
        Assert.Empty(await Store.ReadDirectAsync("bob", "carol", HistoryRange.Latest(10), None));
    }

    [Fact]
    public async Task Search_finds_every_word_in_the_users_rooms_and_own_direct_messages_newest_first()
    {
        await Store.AppendAsync(
            [
                Entry(1, "#general", "alice", "the Weather is nice today"),
                Entry(2, "#general", "bob", "weather again, nice"),
                Entry(3, "#secret", "carol", "nice weather in secret"),
                Entry(4, null, "dave", "nice weather privately", "alice"),
                Entry(5, null, "dave", "nice weather for erin", "erin"),
                Entry(6, "#general", "bob", "only weather"),
            ],
            None).WaitAsync(Timeout);

        var found = await Store.SearchAsync(new HistorySearch("NICE weather", ["#general"], "alice", null, 10), None).WaitAsync(Timeout);
        Assert.Equal([4L, 2L, 1L], Ids(found));

        var older = await Store.SearchAsync(new HistorySearch("nice weather", ["#GENERAL"], "alice", 4, 1), None).WaitAsync(Timeout);
        Assert.Equal([2L], Ids(older));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("nice OR")]
    [InlineData("weather*")]
    [InlineData("a & b | !c")]
    [InlineData("   ")]
    public async Task Search_reads_query_syntax_as_plain_words(string text)
    {
        await Store.AppendAsync([Entry(1, "#general", "alice", "nice weather")], None).WaitAsync(Timeout);
        var found = await Store.SearchAsync(new HistorySearch(text, ["#general"], "alice", null, 10), None).WaitAsync(Timeout);
        Assert.True(found.Count <= 1);
    }

    [Fact]
    public async Task Pruning_deletes_old_messages_and_those_over_a_rooms_cap_in_batches()
    {
        await Store.SaveRoomAsync(new StoredRoom("#general", null), None).WaitAsync(Timeout);
        await Store.AppendAsync([.. Enumerable.Range(1, 10).Select(i => Entry(i, "#general", "alice", $"m{i}"))], None).WaitAsync(Timeout);

        // Entry times are 1_700_000_000_000 + id ms: "older than" id 4's time removes ids 1..3.
        var cut = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_004);
        Assert.Equal(2, await Store.PruneAsync(cut, 0, 2, None).WaitAsync(Timeout));
        Assert.Equal(1, await Store.PruneAsync(cut, 0, 2, None).WaitAsync(Timeout));
        Assert.Equal(new long[] { 4L, 5L, 6L, 7L, 8L, 9L, 10L }, Ids(await Store.ReadRoomAsync("#general", HistoryRange.Latest(100), None)));

        var deleted = 0;
        int step;
        while ((step = await Store.PruneAsync(null, 4, 2, None).WaitAsync(Timeout)) > 0)
        {
            Assert.True(step <= 2);
            deleted += step;
        }

        Assert.Equal(3, deleted);
        Assert.Equal(new long[] { 7L, 8L, 9L, 10L }, Ids(await Store.ReadRoomAsync("#general", HistoryRange.Latest(100), None)));
    }

    [Fact]
    public async Task Rooms_are_remembered_once_with_their_topic()
    {
        await Store.SaveRoomAsync(new StoredRoom("#general", null), None).WaitAsync(Timeout);
        await Store.SaveRoomAsync(new StoredRoom("#rust", "crabs"), None).WaitAsync(Timeout);
        await Store.SaveRoomAsync(new StoredRoom("#rust", null), None).WaitAsync(Timeout);
        await Store.SaveRoomAsync(new StoredRoom("#general", null), None).WaitAsync(Timeout);

        var rooms = await Store.LoadRoomsAsync(None).WaitAsync(Timeout);
        Assert.Equal([new StoredRoom("#general", null), new StoredRoom("#rust", "crabs")], rooms);
    }

    protected abstract Task<IHistoryStore> CreateStoreAsync();

    protected virtual Task DisposeStoreAsync() => Task.CompletedTask;

    private static HistoryEntry Entry(long id, string? room, string sender, string text, string? recipient = null) =>
        new(id, room, sender, recipient, text, id, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000 + id));

    private static long[] Ids(IReadOnlyList<HistoryEntry> entries) => [.. entries.Select(e => e.Id)];
}
