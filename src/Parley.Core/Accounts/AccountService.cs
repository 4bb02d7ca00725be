using System.Text;
using System.Threading.RateLimiting;

using Microsoft.Extensions.Logging;

using Parley.Core.Hub;

namespace Parley.Core.Accounts;

/// <summary>
/// Registers accounts and checks passwords for every protocol. Hashing costs about 0.3 s of a core, so it runs on the
/// thread pool, never under the hub's lock, at most <see cref="AccountOptions.MaxConcurrentHashes"/> at once; the
/// caller's own read loop waits for it (its connection only). Attempts are rate-limited per account and per address
/// (token buckets) before any hashing, so a guesser cannot spend the server's CPU either. Passwords are never logged.
/// </summary>
public sealed partial class AccountService : IDisposable
{
    private readonly PasswordHasher _hasher;
    private readonly AccountOptions _options;
    private readonly ILogger<AccountService> _logger;
    private readonly SemaphoreSlim _hashGate;
    private readonly PartitionedRateLimiter<string> _perAccount;
    private readonly PartitionedRateLimiter<string> _perAddress;
    private readonly HashSet<string> _operators;
    private readonly Lazy<string> _decoy;
    private IAccountStore _store = new InMemoryAccountStore();

    public AccountService(AccountOptions options, ILogger<AccountService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = logger;
        _hasher = new PasswordHasher(options.PasswordIterations);
        var hashes = options.MaxConcurrentHashes > 0 ? options.MaxConcurrentHashes : Environment.ProcessorCount;
        _hashGate = new SemaphoreSlim(hashes, hashes);
        _perAccount = Limiter(options.AttemptsPerAccount, options.AttemptWindow);
        _perAddress = Limiter(options.AttemptsPerAddress, options.AttemptWindow);
        _operators = new HashSet<string>(options.Operators, NicknameRules.Comparer);

        // Checked against when there is no such account, so that a miss costs as long as a wrong password.
        _decoy = new Lazy<string>(() => _hasher.Hash("parley-decoy"), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public AccountOptions Options => _options;

    /// <summary>Where accounts are kept; in memory until the server attaches its store at start.</summary>
    public IAccountStore Store => Volatile.Read(ref _store);

    /// <summary>Where accounts are kept from now on; the server calls it once, before any listener accepts.</summary>
    public void Attach(IAccountStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        Volatile.Write(ref _store, store);
    }

    /// <summary>Whether <paramref name="account"/> is named in <see cref="AccountOptions.Operators"/>.</summary>
    public bool IsOperator(string? account) => account is not null && _operators.Contains(account);

    /// <summary>Whether <paramref name="name"/> is a registered account; false when the store fails (logged).</summary>
    public async Task<bool> IsRegisteredAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await Store.FindAsync(name, cancellationToken).ConfigureAwait(false) is not null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStoreFailed(ex, name);
            return false;
        }
    }

    public async Task<AccountAnswer> RegisterAsync(string name, string password, string address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (CheckPassword(password) is { } weak)
        {
            return new AccountAnswer(weak);
        }

        if (!Admit(_perAddress, AttemptAddress.Of(address)))
        {
            LogRateLimited(name, address);
            return new AccountAnswer(AccountOutcome.RateLimited);
        }

        try
        {
            if (await Store.FindAsync(name, cancellationToken).ConfigureAwait(false) is not null)
            {
                return new AccountAnswer(AccountOutcome.NameTaken);
            }

            var hash = await HashAsync(password, cancellationToken).ConfigureAwait(false);
            var record = new AccountRecord(name, hash, DateTimeOffset.UtcNow);
            if (!await Store.TryCreateAsync(record, cancellationToken).ConfigureAwait(false))
            {
                return new AccountAnswer(AccountOutcome.NameTaken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStoreFailed(ex, name);
            return new AccountAnswer(AccountOutcome.Unavailable);
        }

        LogRegistered(name, address);
        return new AccountAnswer(AccountOutcome.Done, name);
    }

    /// <summary>Checks <paramref name="password"/> for account <paramref name="name"/>. A hash made with fewer
    /// iterations than the current setting is replaced after a good login.</summary>
    public async Task<AccountAnswer> LoginAsync(string name, string password, string address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(password);
        if (!Admit(_perAddress, AttemptAddress.Of(address)) || !Admit(_perAccount, name.ToUpperInvariant()))
        {
            LogRateLimited(name, address);
            return new AccountAnswer(AccountOutcome.RateLimited);
        }

        try
        {
            var account = await Store.FindAsync(name, cancellationToken).ConfigureAwait(false);
            if (Encoding.UTF8.GetByteCount(password) > _options.MaxPasswordBytes
                || !await VerifyAsync(password, account?.PasswordHash ?? _decoy.Value, cancellationToken).ConfigureAwait(false)
                || account is null)
            {
                LogLoginFailed(name, address, account is null ? "no such account" : "wrong password");
                return new AccountAnswer(AccountOutcome.InvalidCredentials);
            }

            if (_hasher.NeedsRehash(account.PasswordHash))
            {
                await Store.UpdatePasswordAsync(account.Name, await HashAsync(password, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                LogRehashed(account.Name, _hasher.Iterations);
            }

            LogLoggedIn(account.Name, address);
            return new AccountAnswer(AccountOutcome.Done, account.Name);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStoreFailed(ex, name);
            return new AccountAnswer(AccountOutcome.Unavailable);
        }
    }

    /// <summary>Replaces the password of <paramref name="name"/> after checking the old one (rate-limited as a login).</summary>
    public async Task<AccountAnswer> ChangePasswordAsync(
        string name, string oldPassword, string newPassword, string address, CancellationToken cancellationToken)
    {
        if (CheckPassword(newPassword) is { } weak)
        {
            return new AccountAnswer(weak);
        }

        var login = await LoginAsync(name, oldPassword, address, cancellationToken).ConfigureAwait(false);
        if (!login.Succeeded)
        {
            return login;
        }

        try
        {
            var hash = await HashAsync(newPassword, cancellationToken).ConfigureAwait(false);
            if (!await Store.UpdatePasswordAsync(login.Account!, hash, cancellationToken).ConfigureAwait(false))
            {
                return new AccountAnswer(AccountOutcome.InvalidCredentials);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStoreFailed(ex, name);
            return new AccountAnswer(AccountOutcome.Unavailable);
        }

        LogPasswordChanged(login.Account!, address);
        return login;
    }

    /// <summary>What a user is told for <paramref name="outcome"/>, in one sentence.</summary>
    public string Describe(AccountOutcome outcome, string name) => outcome switch
    {
        AccountOutcome.NameTaken => $"The nickname {name} is registered already.",
        AccountOutcome.InvalidCredentials => "Wrong account name or password.",
        AccountOutcome.RateLimited => "Too many login attempts; wait a minute and try again.",
        AccountOutcome.PasswordTooShort => $"The password is too short: at least {_options.MinPasswordLength} characters.",
        AccountOutcome.PasswordTooLong => $"The password is too long: at most {_options.MaxPasswordBytes} bytes.",
        AccountOutcome.Unavailable => "Accounts are unavailable right now; try again later.",
        _ => "Done.",
    };

    public void Dispose()
    {
        _perAccount.Dispose();
        _perAddress.Dispose();
        _hashGate.Dispose();
    }

    private AccountOutcome? CheckPassword(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length < _options.MinPasswordLength)
        {
            return AccountOutcome.PasswordTooShort;
        }

        return Encoding.UTF8.GetByteCount(password) > _options.MaxPasswordBytes ? AccountOutcome.PasswordTooLong : null;
    }

    private async Task<string> HashAsync(string password, CancellationToken cancellationToken)
    {
        await _hashGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(() => _hasher.Hash(password), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _hashGate.Release();
        }
    }

    private async Task<bool> VerifyAsync(string password, string stored, CancellationToken cancellationToken)
    {
        await _hashGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(() => PasswordHasher.Verify(password, stored), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _hashGate.Release();
        }
    }

    private static bool Admit(PartitionedRateLimiter<string> limiter, string key)
    {
        using var lease = limiter.AttemptAcquire(key);
        return lease.IsAcquired;
    }

    // Refilled one attempt at a time, evenly over the window, up to a full window's worth.
    private static PartitionedRateLimiter<string> Limiter(int attempts, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = attempts,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = window / attempts,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
}
