namespace Parley.Core.Accounts;

/// <summary>How an account operation ended. Not on the wire (sessions turn it into their own replies).</summary>
public enum AccountOutcome
{
    Done,

    /// <summary>Registering a name that is registered already.</summary>
    NameTaken,

    /// <summary>No such account, or the wrong password: the two are not told apart.</summary>
    InvalidCredentials,

    /// <summary>Too many attempts for this account or from this address; nothing was checked.</summary>
    RateLimited,

    PasswordTooShort,
    PasswordTooLong,

    /// <summary>The store failed (logged); try again later.</summary>
    Unavailable,
}
