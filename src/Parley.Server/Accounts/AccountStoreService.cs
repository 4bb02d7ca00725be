using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

using Parley.Core.Accounts;
using Parley.Core.History;
using Parley.Core.Hub;
using Parley.Server.Hosting;
using Parley.Server.Storage;

namespace Parley.Server.Accounts;

/// <summary>
/// Chooses where accounts live and turns them on in the hub, after the history store has opened (and migrated) the
/// SQLite file and before any listener accepts: the history's SQLite file when there is one; in memory, for the
/// process's lifetime, with --data :memory:, --no-history or --postgres (docs/operations.md, "Accounts").
/// </summary>
public sealed class AccountStoreService(
    ChatHub hub, AccountService accounts, HistoryOptions history, IOptions<ServerOptions> server) : IHostedService
{
    /// <summary>For the start-up line "accounts ...".</summary>
    public string Description { get; private set; } = "memory (forgotten at exit)";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var path = history.Enabled && string.IsNullOrWhiteSpace(server.Value.Postgres)
            ? DataPath.Resolve(history.Data, Environment.GetEnvironmentVariable)
            : SqliteHistoryStore.Memory;
        if (path != SqliteHistoryStore.Memory)
        {
            accounts.Attach(new SqliteAccountStore(path, history.LockTimeout));
            Description = "sqlite " + path;
        }

        hub.AttachAccounts(accounts);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
