using Parley.Core.Accounts;

namespace Parley.Server.Tests.Accounts;

/// <summary>The account port's contract, run against every store (in memory, SQLite, PostgreSQL).</summary>
public abstract class AccountStoreContract
{
    protected abstract IAccountStore Store { get; }

    private static AccountRecord Alice => new("Alice", "pbkdf2-sha256$600000$c2FsdA==$aGFzaA==", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));

    [Fact]
    public async Task Account_store_finds_names_in_any_case_and_keeps_the_registered_case()
    {
        Assert.True(await Store.TryCreateAsync(Alice, default));

        var found = await Store.FindAsync("ALICE", default);

        Assert.Equal(Alice, found);
        Assert.Null(await Store.FindAsync("bob", default));
    }

    [Fact]
    public async Task Account_store_never_replaces_an_account_on_create()
    {
        Assert.True(await Store.TryCreateAsync(Alice, default));

        Assert.False(await Store.TryCreateAsync(Alice with { Name = "alice", PasswordHash = "other" }, default));
        Assert.Equal(Alice.PasswordHash, (await Store.FindAsync("alice", default))!.PasswordHash);
    }

    [Fact]
    public async Task Account_store_lets_one_of_many_simultaneous_registrations_of_a_name_win()
    {
        var names = new[] { "carol", "CAROL", "Carol", "cArOl", "caROL", "CaRoL", "carOL", "CARol" };

        var created = await Task.WhenAll(names.Select(name => Task.Run(() =>
            Store.TryCreateAsync(Alice with { Name = name, PasswordHash = "hash-" + name }, default)))).WaitAsync(TimeSpan.FromSeconds(30));

        var winner = names[Array.IndexOf(created, true)];
        Assert.Single(created, c => c);
        Assert.Equal(("hash-" + winner, winner), ((await Store.FindAsync("carol", default))!.PasswordHash, (await Store.FindAsync("carol", default))!.Name));
    }

    [Fact]
    public async Task Account_store_answers_a_name_no_account_can_have_as_unknown()
    {
        await Store.TryCreateAsync(Alice, default);

        Assert.Null(await Store.FindAsync("Ali\0ce", default));
        Assert.False(await Store.UpdatePasswordAsync("Alice\0", "new-hash", default));
        Assert.Null(await Store.FindAsync(new string('x', 10_000), default));
    }

    [Fact]
    public async Task Account_store_updates_a_password_hash()
    {
        await Store.TryCreateAsync(Alice, default);

        Assert.True(await Store.UpdatePasswordAsync("alice", "new-hash", default));
        Assert.False(await Store.UpdatePasswordAsync("nobody", "new-hash", default));
        Assert.Equal("new-hash", (await Store.FindAsync("Alice", default))!.PasswordHash);
    }
}
