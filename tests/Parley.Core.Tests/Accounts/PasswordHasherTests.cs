using System.Text.RegularExpressions;

using Parley.Core.Accounts;

namespace Parley.Core.Tests.Accounts;

/// <summary>The stored hash format is a persisted value: these pin it (algorithm, parameters, encoding).</summary>
public sealed class PasswordHasherTests
{
    // Made with Python's hashlib.pbkdf2_hmac("sha256", b"correct horse battery", bytes(range(1, 17)), 600000, 32).
    private const string Reference600k = "pbkdf2-sha256$600000$AQIDBAUGBwgJCgsMDQ4PEA==$9s+xWvWYkY8F7mEDSmuKXiCeojJSAWVOzyQk6gQwq/0=";
    private const string Reference1k = "pbkdf2-sha256$1000$AQIDBAUGBwgJCgsMDQ4PEA==$OZisqJloVWQ/xF8cg5vJoGqp86fPH5Ob3F8cZLPh8Zs=";

    [Fact]
    public void The_account_hash_format_is_pinned()
    {
        var hash = new PasswordHasher().Hash("correct horse battery");

        Assert.Matches(new Regex(@"^pbkdf2-sha256\$600000\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$"), hash);
        Assert.Equal(600_000, PasswordHasher.DefaultIterations);
        Assert.Equal(600_000, new AccountOptions().PasswordIterations);
    }

    [Fact]
    public void A_reference_hash_from_another_implementation_verifies()
    {
        Assert.True(PasswordHasher.Verify("correct horse battery", Reference600k));
        Assert.False(PasswordHasher.Verify("correct horse batterY", Reference600k));
    }

    [Fact]
    public void Each_hash_carries_its_own_iterations_and_weaker_ones_need_a_rehash()
    {
        var hasher = new PasswordHasher();

        Assert.True(PasswordHasher.Verify("correct horse battery", Reference1k));
        Assert.True(hasher.NeedsRehash(Reference1k));
        Assert.False(hasher.NeedsRehash(Reference600k));
    }

    [Fact]
    public void Two_hashes_of_one_password_differ_by_their_salt()
    {
        var hasher = new PasswordHasher(1000);

        var first = hasher.Hash("same password");
        var second = hasher.Hash("same password");

        Assert.NotEqual(first, second);
        Assert.True(PasswordHasher.Verify("same password", first));
        Assert.True(PasswordHasher.Verify("same password", second));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("bcrypt$10$abc$def")]
    [InlineData("pbkdf2-sha256$x$AQIDBAUGBwgJCgsMDQ4PEA==$OZisqJloVWQ/xF8cg5vJoGqp86fPH5Ob3F8cZLPh8Zs=")]
    [InlineData("pbkdf2-sha256$1000$not base64$OZisqJloVWQ/xF8cg5vJoGqp86fPH5Ob3F8cZLPh8Zs=")]
    [InlineData("pbkdf2-sha256$1000$AQIDBAUGBwgJCgsMDQ4PEA==$AAAA")]
    [InlineData("pbkdf2-sha256$999999999$AQIDBAUGBwgJCgsMDQ4PEA==$OZisqJloVWQ/xF8cg5vJoGqp86fPH5Ob3F8cZLPh8Zs=")]
    public void Unknown_or_damaged_hashes_never_verify(string stored)
    {
        Assert.False(PasswordHasher.Verify("correct horse battery", stored));
        Assert.True(new PasswordHasher().NeedsRehash(stored));
    }
}
