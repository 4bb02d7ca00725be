using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

using Parley.Core.Accounts;
using Parley.Core.History;
using Parley.Core.Hub;
using Parley.Server.Hosting;
using Parley.Server.Storage;

namespace Parley.Server.Accounts;

/// <summary>
/// Chooses where accounts live and turns them on in the hub, after the history service has opened (and migrated) the
/// store and before any listener accepts: the cluster's PostgreSQL database with --postgres (shared by every node);
/// else the history's SQLite file; in memory, for the process's lifetime, with --data :memory: or --no-history
/// (docs/operations.md, "Accounts").
/// </summary>
public sealed class AccountStoreService(
    ChatHub hub, AccountService accounts, HistoryOptions history, HistoryService historyService, IOptions<ServerOptions> server) : IHostedService
{
    /// <summary>For the start-up line "accounts ...".</summary>
    public string Description { get; private set; } = "memory (forgotten at exit)";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (history.Enabled && !string.IsNullOrWhiteSpace(server.Value.Postgres))
        {
            // The history service started first and refused to start without its database, so the store is there.
            var shared = historyService.SharedStore
                ?? throw new InvalidOperationException("Accounts on PostgreSQL need the history service started first.");
            accounts.Attach(new PostgresAccountStore(shared.Source));
            Description = shared.Description;
        }
        else if (history.Enabled)
        {
            var path = DataPath.Resolve(history.Data, Environment.GetEnvironmentVariable);
            if (path != SqliteHistoryStore.Memory)
            {
                accounts.Attach(new SqliteAccountStore(path, history.LockTimeout));
                Description = "sqlite " + path;
            }
        }

        hub.AttachAccounts(accounts);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
