using System.Collections.Concurrent;

using Parley.Core.Hub;

namespace Parley.Core.Accounts;

/// <summary>Accounts for the process's lifetime only (--data :memory:, --no-history): a restart forgets them, which
/// docs/operations.md says.</summary>
public sealed class InMemoryAccountStore : IAccountStore
{
    private readonly ConcurrentDictionary<string, AccountRecord> _accounts = new(NicknameRules.Comparer);

    public Task<AccountRecord?> FindAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(_accounts.GetValueOrDefault(name));

    public Task<bool> TryCreateAsync(AccountRecord account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        return Task.FromResult(_accounts.TryAdd(account.Name, account));
    }

    public Task<bool> UpdatePasswordAsync(string name, string passwordHash, CancellationToken cancellationToken)
    {
        while (_accounts.TryGetValue(name, out var current))
        {
            if (_accounts.TryUpdate(current.Name, current with { PasswordHash = passwordHash }, current))
            {
                return Task.FromResult(true);
            }
        }

        return Task.FromResult(false);
    }
}
