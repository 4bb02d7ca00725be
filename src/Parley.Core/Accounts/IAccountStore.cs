namespace Parley.Core.Accounts;

/// <summary>
/// The account port. SQLite (the history file, Parley.Server/Storage) is the default, PostgreSQL (the cluster's
/// database, shared by every node) with --postgres; <see cref="InMemoryAccountStore"/> serves --data :memory: and
/// --no-history (accounts live as long as the process). Contract (AccountStoreContract in the server tests runs
/// against each): names match case-insensitively (ASCII, as nicknames do) and keep the case they were registered
/// with; a create never replaces an existing account, and of simultaneous creates of one name exactly one succeeds.
/// </summary>
public interface IAccountStore
{
    Task<AccountRecord?> FindAsync(string name, CancellationToken cancellationToken);

    /// <summary>Adds the account; false when the name is registered already (any case).</summary>
    Task<bool> TryCreateAsync(AccountRecord account, CancellationToken cancellationToken);

    /// <summary>Replaces the account's password hash; false when there is no such account.</summary>
    Task<bool> UpdatePasswordAsync(string name, string passwordHash, CancellationToken cancellationToken);
}
