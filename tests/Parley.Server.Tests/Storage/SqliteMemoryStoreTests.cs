using Microsoft.Extensions.Logging.Abstractions;

using Parley.Core.History;
using Parley.Server.Storage;

namespace Parley.Server.Tests.Storage;

/// <summary>The history contract against ":memory:" (one connection shared by reads and writes).</summary>
public sealed class SqliteMemoryStoreTests : HistoryStoreContract
{
    protected override async Task<IHistoryStore> OpenEmptyStoreAsync()
    {
        var store = new SqliteHistoryStore(SqliteHistoryStore.Memory, TimeSpan.FromSeconds(5), NullLogger.Instance);
        Assert.Equal(0, await store.OpenAsync(default));
        return store;
    }
}
