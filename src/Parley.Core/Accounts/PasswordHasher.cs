using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Parley.Core.Accounts;

/// <summary>
/// Password hashes as stored: <c>pbkdf2-sha256$ITERATIONS$SALT$HASH</c> (salt and hash in base64; 16 and 32 bytes).
/// Each hash carries its own algorithm and parameters, so <see cref="Iterations"/> can be raised later: old hashes
/// still verify with the count they were made with and are re-hashed at the next successful login
/// (<see cref="NeedsRehash"/>). The format is a persisted value: PasswordHasherTests pins it.
/// </summary>
public sealed class PasswordHasher
{
    public const string Algorithm = "pbkdf2-sha256";

    /// <summary>OWASP's 2023 figure for PBKDF2-HMAC-SHA256; about 0.3 s of one core here.</summary>
    public const int DefaultIterations = 600_000;

    public const int SaltBytes = 16;
    public const int HashBytes = 32;

    // A stored count beyond this is damage, not a setting: verifying it would burn a core for minutes.
    private const int MaxStoredIterations = 100_000_000;

    public PasswordHasher(int iterations = DefaultIterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        Iterations = iterations;
    }

    public int Iterations { get; }

    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(password, salt, Iterations);
        return string.Create(CultureInfo.InvariantCulture, $"{Algorithm}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>Whether <paramref name="password"/> matches <paramref name="stored"/>; compared in constant time.
    /// False for a hash in a format this version does not know.</summary>
    public static bool Verify(string password, string stored)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (!TryParse(stored, out var iterations, out var salt, out var expected))
        {
            return false;
        }

        var actual = Derive(password, salt, iterations);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>True when <paramref name="stored"/> was made with weaker parameters than this hasher's.</summary>
    public bool NeedsRehash(string stored) =>
        !TryParse(stored, out var iterations, out _, out _) || iterations < Iterations;

    internal static bool TryParse(string stored, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = [];
        hash = [];
        var parts = stored?.Split('$') ?? [];
        if (parts.Length != 4 || parts[0] != Algorithm
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out iterations)
            || iterations < 1 || iterations > MaxStoredIterations)
        {
            return false;
        }

        try
        {
            salt = Convert.FromBase64String(parts[2]);
            hash = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }

        return salt.Length > 0 && hash.Length == HashBytes;
    }

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}
