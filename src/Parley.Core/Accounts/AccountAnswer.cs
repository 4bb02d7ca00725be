namespace Parley.Core.Accounts;

/// <summary>An account operation's outcome and, when it succeeded, the account's name as registered.</summary>
public readonly record struct AccountAnswer(AccountOutcome Outcome, string? Account = null)
{
    public bool Succeeded => Outcome == AccountOutcome.Done;
}
