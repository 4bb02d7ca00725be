using System.ComponentModel.DataAnnotations;

namespace Parley.Core.Accounts;

/// <summary>Account settings ("Parley:Accounts" in configuration; see docs/operations.md and docs/security.md).</summary>
public sealed record AccountOptions
{
    /// <summary>PBKDF2-HMAC-SHA256 iterations for new hashes (and re-hashes of older, weaker ones at login).</summary>
    [Range(PasswordHasher.DefaultIterations, 100_000_000)]
    public int PasswordIterations { get; init; } = PasswordHasher.DefaultIterations;

    /// <summary>Shortest password, in characters.</summary>
    [Range(1, 1024)]
    public int MinPasswordLength { get; init; } = 8;

    /// <summary>Longest password, in UTF-8 bytes (hashing cost grows with it only a little; this bounds the input).</summary>
    [Range(8, 4096)]
    public int MaxPasswordBytes { get; init; } = 256;

    /// <summary>How long a member may hold a registered nickname without logging in to it before it is renamed
    /// to a guest nickname.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan RenameGrace { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Login attempts (good or bad) one account may receive per <see cref="AttemptWindow"/>.</summary>
    [Range(1, 10_000)]
    public int AttemptsPerAccount { get; init; } = 5;

    /// <summary>Login and registration attempts one address (IPv4, or IPv6 /64) may make per <see cref="AttemptWindow"/>.</summary>
    [Range(1, 10_000)]
    public int AttemptsPerAddress { get; init; } = 10;

    /// <summary>The window in which attempts are counted (token buckets refilled evenly over it).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AttemptWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Password hashes computed at once, over the whole server; further attempts wait their turn (each
    /// costs about 0.3 s of a core). 0: the number of processors.</summary>
    [Range(0, 1024)]
    public int MaxConcurrentHashes { get; init; }

    /// <summary>Accounts that are operators in every room (topic, kick, modes), once logged in.</summary>
    public IReadOnlyList<string> Operators { get; init; } = [];
}
