namespace Parley.Core.Accounts;

/// <summary>A registered account: its name (the nickname it protects) and its password hash in
/// <see cref="PasswordHasher"/>'s format. The password itself is never kept.</summary>
public sealed record AccountRecord(string Name, string PasswordHash, DateTimeOffset CreatedAt);
