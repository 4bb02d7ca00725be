namespace Parley.Core.Hub;

/// <summary>The account a member is logged in to. Written by its own session's commands (login, logout, SASL);
/// read anywhere (a reference read is atomic). <see cref="NickGrace"/> is owned by the hub's lock.</summary>
public sealed partial class Member
{
    private string? _account;

    /// <summary>The account name as registered, or null for a guest.</summary>
    public string? Account
    {
        get => Volatile.Read(ref _account);
        internal set => Volatile.Write(ref _account, value);
    }

    /// <summary>Renames the member to a guest nick unless it logs in (ChatHub.Accounts.cs); null when not pending.</summary>
    internal ITimer? NickGrace { get; set; }
}
