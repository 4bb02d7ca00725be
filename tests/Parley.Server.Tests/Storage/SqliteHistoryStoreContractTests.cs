using Microsoft.Extensions.Logging.Abstractions;

using Parley.Core.History;
using Parley.Server.Storage;

namespace Parley.Server.Tests.Storage;

public sealed class SqliteHistoryStoreContractTests : HistoryStoreContract
{
    protected override Task<IHistoryStore> CreateStoreAsync() =>
        Task.FromResult<IHistoryStore>(new SqliteHistoryStore(SqliteHistoryStore.Memory, TimeSpan.FromSeconds(5), NullLogger.Instance));
}
