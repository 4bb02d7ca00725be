using Microsoft.Extensions.Logging.Abstractions;

using Parley.Core.History;
using Parley.Server.Storage;

namespace Parley.Server.Tests.Storage;

/// <summary>The history contract against a SQLite file in a temporary directory.</summary>
public sealed class SqliteHistoryStoreTests : HistoryStoreContract
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("parley-store-");

    protected override async Task<IHistoryStore> OpenEmptyStoreAsync()
    {
        var store = new SqliteHistoryStore(Path.Combine(_directory.FullName, "parley.db"), TimeSpan.FromSeconds(5), NullLogger.Instance);
        Assert.Equal(0, await store.OpenAsync(default));
        return store;
    }

    protected override Task DisposeStoreAsync()
    {
        _directory.Delete(recursive: true);
        return Task.CompletedTask;
    }
}
