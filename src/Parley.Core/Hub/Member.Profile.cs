namespace Parley.Core.Hub;

/// <summary>What WHOIS and WHO show about a member. Written by its own session (user and real name before it
/// registers, away through <see cref="ChatHub.SetAway"/>); read from anywhere (reference reads are atomic).</summary>
public sealed partial class Member
{
    private string? _away;

    /// <summary>The user name IRC clients give (USER); other protocols use their protocol's name.</summary>
    public string UserName { get; init; } = "parley";

    /// <summary>The "real name" IRC clients give (USER, SETNAME); others show their protocol.</summary>
    public string RealName { get; set; } = string.Empty;

    public DateTimeOffset SignedOnAt { get; init; }

    /// <summary>An IRC operator (OPER): shown with '*' in WHO and by WHOIS. Written by the member's own session.</summary>
    public bool IsServerOperator { get; set; }

    /// <summary>User mode +i: hidden from WHO masks of users who share no room with it.</summary>
    public bool IsInvisible { get; set; }

    /// <summary>Why the member is away, or null when it is here.</summary>
    public string? AwayMessage
    {
        get => Volatile.Read(ref _away);
        internal set => Volatile.Write(ref _away, value);
    }
}
