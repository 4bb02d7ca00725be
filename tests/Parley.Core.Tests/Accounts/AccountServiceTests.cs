using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using Parley.Core.Accounts;

namespace Parley.Core.Tests.Accounts;

public sealed class AccountServiceTests
{
    private const string Address = "192.0.2.7:40000";

    private static AccountService Service(AccountOptions? options = null) =>
        new(options ?? new AccountOptions(), NullLogger<AccountService>.Instance);

    [Fact]
    public async Task Account_register_then_login_with_the_password()
    {
        using var accounts = Service();

        var registered = await accounts.RegisterAsync("Alice", "correct horse", Address, default);
        var login = await accounts.LoginAsync("alice", "correct horse", Address, default);

        Assert.Equal(new AccountAnswer(AccountOutcome.Done, "Alice"), registered);
        Assert.Equal(new AccountAnswer(AccountOutcome.Done, "Alice"), login);
        var stored = await accounts.Store.FindAsync("ALICE", default);
        Assert.StartsWith("pbkdf2-sha256$600000$", stored!.PasswordHash, StringComparison.Ordinal);
        Assert.DoesNotContain("correct horse", stored.PasswordHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Account_wrong_password_and_unknown_account_read_the_same()
    {
        using var accounts = Service();
        await accounts.RegisterAsync("alice", "correct horse", Address, default);

        var wrong = await accounts.LoginAsync("alice", "wrong horse", Address, default);
        var unknown = await accounts.LoginAsync("mallory", "correct horse", Address, default);

        Assert.Equal(AccountOutcome.InvalidCredentials, wrong.Outcome);
        Assert.Equal(AccountOutcome.InvalidCredentials, unknown.Outcome);
        Assert.Null(wrong.Account);
    }

    [Fact]
    public async Task Account_a_taken_name_cannot_be_registered_again_in_any_case()
    {
        using var accounts = Service();
        await accounts.RegisterAsync("alice", "correct horse", Address, default);

        var again = await accounts.RegisterAsync("ALICE", "another horse", "198.51.100.1:1", default);

        Assert.Equal(AccountOutcome.NameTaken, again.Outcome);
        Assert.True((await accounts.LoginAsync("alice", "correct horse", Address, default)).Succeeded);
    }

    [Theory]
    [InlineData("short", AccountOutcome.PasswordTooShort)]
    [InlineData("", AccountOutcome.PasswordTooShort)]
    public async Task Account_weak_passwords_are_refused(string password, AccountOutcome expected)
    {
        using var accounts = Service();

        Assert.Equal(expected, (await accounts.RegisterAsync("alice", password, Address, default)).Outcome);
        Assert.Equal(AccountOutcome.PasswordTooLong, (await accounts.RegisterAsync("alice", new string('x', 300), Address, default)).Outcome);
        Assert.Null(await accounts.Store.FindAsync("alice", default));
    }

    [Fact]
    public async Task Account_login_attempts_are_limited_per_account()
    {
        using var accounts = Service(new AccountOptions { AttemptsPerAccount = 2, AttemptsPerAddress = 100, AttemptWindow = TimeSpan.FromHours(1) });
        await accounts.RegisterAsync("alice", "correct horse", Address, default);

        Assert.Equal(AccountOutcome.InvalidCredentials, (await accounts.LoginAsync("alice", "guess one", "203.0.113.1:1", default)).Outcome);
        Assert.Equal(AccountOutcome.InvalidCredentials, (await accounts.LoginAsync("alice", "guess two", "203.0.113.2:1", default)).Outcome);

        // The right password too: a guesser cannot tell a right guess from the limit, and nothing is hashed.
        Assert.Equal(AccountOutcome.RateLimited, (await accounts.LoginAsync("ALICE", "correct horse", Address, default)).Outcome);
    }

    [Fact]
    public async Task Account_login_attempts_are_limited_per_address_and_ipv6_counts_by_64()
    {
        using var accounts = Service(new AccountOptions { AttemptsPerAccount = 100, AttemptsPerAddress = 2, AttemptWindow = TimeSpan.FromHours(1) });

        Assert.Equal(AccountOutcome.InvalidCredentials, (await accounts.LoginAsync("a1", "password1", "[2001:db8::1]:1000", default)).Outcome);
        Assert.Equal(AccountOutcome.InvalidCredentials, (await accounts.LoginAsync("a2", "password1", "[2001:db8::2]:1000", default)).Outcome);
        Assert.Equal(AccountOutcome.RateLimited, (await accounts.LoginAsync("a3", "password1", "[2001:db8::ffff]:2000", default)).Outcome);
        Assert.Equal(AccountOutcome.InvalidCredentials, (await accounts.LoginAsync("a3", "password1", "[2001:db8:0:1::1]:2000", default)).Outcome);
    }

    [Fact]
    public async Task Account_password_change_needs_the_old_password()
    {
        using var accounts = Service();
        await accounts.RegisterAsync("alice", "correct horse", Address, default);

        Assert.Equal(AccountOutcome.InvalidCredentials, (await accounts.ChangePasswordAsync("alice", "wrong horse", "new password", Address, default)).Outcome);
        Assert.True((await accounts.ChangePasswordAsync("alice", "correct horse", "new password", Address, default)).Succeeded);

        Assert.Equal(AccountOutcome.InvalidCredentials, (await accounts.LoginAsync("alice", "correct horse", Address, default)).Outcome);
        Assert.True((await accounts.LoginAsync("alice", "new password", Address, default)).Succeeded);
    }

    [Fact]
    public async Task Account_failures_are_logged_with_account_and_address_but_never_the_password()
    {
        var logger = new ListLogger();
        using var accounts = new AccountService(new AccountOptions { AttemptsPerAccount = 2 }, logger);
        await accounts.RegisterAsync("alice", "correct horse", Address, default);

        await accounts.LoginAsync("alice", "hunter2-secret", Address, default);
        await accounts.LoginAsync("alice", "hunter3-secret", Address, default);
        await accounts.LoginAsync("alice", "hunter4-secret", Address, default);

        Assert.Contains("Failed login to alice from 192.0.2.7:40000: wrong password", logger.Lines);
        Assert.Contains(logger.Lines, l => l.Contains("refused: too many attempts", StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Lines, l => l.Contains("secret", StringComparison.Ordinal) || l.Contains("horse", StringComparison.Ordinal));
    }

    [Fact]
    public void Account_operators_come_from_configuration_in_any_case()
    {
        using var accounts = Service(new AccountOptions { Operators = ["Root"] });

        Assert.True(accounts.IsOperator("root"));
        Assert.False(accounts.IsOperator("alice"));
        Assert.False(accounts.IsOperator(null));
    }

    private sealed class ListLogger : ILogger<AccountService>
    {
        private readonly Lock _gate = new();
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_gate)
                {
                    return [.. _lines];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_gate)
            {
                _lines.Add(formatter(state, exception));
            }
        }
    }
}
