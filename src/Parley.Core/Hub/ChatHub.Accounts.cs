using System.Globalization;

using Parley.Core.Accounts;
using Parley.Core.Events;

namespace Parley.Core.Hub;

/// <summary>
/// Accounts in the hub: a registered nickname belongs to its account. A member holding one without being logged in
/// to it is told, and renamed to a guest nick after <see cref="AccountOptions.RenameGrace"/> unless it logs in
/// meanwhile. Logging in to an account whose nickname someone else holds renames that holder at once. Accounts named
/// in <see cref="AccountOptions.Operators"/> are made operators of every room they are in (seen as +o by IRC users).
/// Password checks run in <see cref="AccountService"/>, never under the hub's lock.
/// </summary>
public sealed partial class ChatHub
{
    private const string GuestPrefix = "Guest";
    private AccountService? _accounts;

    /// <summary>The account service, once the server has attached one; null in hubs without accounts (tests).</summary>
    public AccountService? Accounts => Volatile.Read(ref _accounts);

    /// <summary>Turns accounts on; the server calls it once at start, before any listener accepts.</summary>
    public void AttachAccounts(AccountService accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        Volatile.Write(ref _accounts, accounts);
    }

    /// <summary>Whether the member is logged in to the account named like its nickname.</summary>
    public static bool OwnsNick(Member member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return member.Account is { } account && NicknameRules.Comparer.Equals(account, member.Nick);
    }

    /// <summary>Registers the member's current nickname as an account and logs it in.</summary>
    public async Task<AccountAnswer> RegisterAccountAsync(Member member, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        var accounts = Accounts ?? throw new InvalidOperationException("Accounts are not enabled.");
        var answer = await accounts.RegisterAsync(member.Nick, password, member.Address, cancellationToken).ConfigureAwait(false);
        if (answer.Succeeded)
        {
            LoggedIn(member, answer.Account!);
        }

        return answer;
    }

    /// <summary>Logs the member in to <paramref name="account"/> (its own nickname when null) and gives it that
    /// nickname, renaming whoever else holds it to a guest nick.</summary>
    public async Task<AccountAnswer> LoginAsync(Member member, string? account, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        var accounts = Accounts ?? throw new InvalidOperationException("Accounts are not enabled.");
        var answer = await accounts.LoginAsync(account ?? member.Nick, password, member.Address, cancellationToken).ConfigureAwait(false);
        if (answer.Succeeded)
        {
            LoggedIn(member, answer.Account!);
            TakeNick(member, answer.Account!);
        }

        return answer;
    }

    /// <summary>Sets the account of a member that proved it elsewhere (IRC SASL before registration); with
    /// <paramref name="announce"/> false the member is not sent a notice (its protocol says so itself).</summary>
    public void SetAccount(Member member, string account, bool announce = true)
    {
        ArgumentNullException.ThrowIfNull(member);
        LoggedIn(member, account, announce);
    }

    /// <summary>Logs the member out; its nickname, when registered, is guarded again. False when it was a guest.</summary>
    public bool Logout(Member member)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (member.Account is null)
        {
            return false;
        }

        member.Account = null;
        ClusterAccount(member);
        AnnounceAccount(member, null);
        NickClaimed(member);
        return true;
    }

    /// <summary>Renames <paramref name="member"/> to a free "GuestNNNNN" nickname; returns it (null when none was free).</summary>
    public string? RenameToGuest(Member member)
    {
        ArgumentNullException.ThrowIfNull(member);
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var guest = GuestPrefix + Random.Shared.Next(10_000, 100_000).ToString(CultureInfo.InvariantCulture);
            if (!NicknameRules.IsValid(guest, Options.MaxNickLength))
            {
                return null;
            }

            switch (TryRename(member, guest))
            {
                case RenameResult.Renamed:
                    return guest;
                case RenameResult.NotMember or RenameResult.NickInvalid:
                    return null;
            }
        }

        return null;
    }

    /// <summary>After a member took <paramref name="member"/>'s current nick (registration, rename, logout): if the
    /// nick is registered to another account, warn and start the grace period. Runs the store lookup off the caller.
    /// A stand-in (cluster) is left to its own node, which alone can warn it and whose rename every node then applies:
    /// a second timer here would rename the stand-in behind that node's back.</summary>
    internal void NickClaimed(Member member)
    {
        if (Accounts is null || member.IsRemote || OwnsNick(member))
        {
            return;
        }

        _ = GuardNickAsync(member, member.Nick);
    }

    private async Task GuardNickAsync(Member member, string nick)
    {
        try
        {
            if (!await Accounts!.IsRegisteredAsync(nick, CancellationToken.None).ConfigureAwait(false)
                || !NicknameRules.Comparer.Equals(member.Nick, nick) || OwnsNick(member))
            {
                return;
            }

            var grace = Accounts.Options.RenameGrace;
            lock (_gate)
            {
                if (!_members.TryGetValue(nick, out var holder) || holder != member)
                {
                    return;
                }

                member.NickGrace?.Dispose();
                member.NickGrace = _time.CreateTimer(_ => RenameIfUnclaimed(member, nick), null, grace, Timeout.InfiniteTimeSpan);
            }

            member.Sink.TryDeliver(new Notice(
                NoticeKind.Account,
                $"The nickname {nick} is registered. Log in (/login PASSWORD) within {Seconds(grace)} s or you will be renamed.",
                Now));
        }
        catch (Exception ex)
        {
            LogNickGuardFailed(ex, nick);
        }
    }

    private void RenameIfUnclaimed(Member member, string nick)
    {
        lock (_gate)
        {
            member.NickGrace?.Dispose();
            member.NickGrace = null;
            if (!_members.TryGetValue(nick, out var holder) || holder != member)
            {
                return;
            }
        }

        if (OwnsNick(member))
        {
            return;
        }

        if (RenameToGuest(member) is { } guest)
        {
            LogGuestRenamed(nick, guest);
            member.Sink.TryDeliver(new Notice(NoticeKind.Account, $"You did not log in to {nick}; you are now {guest}.", Now));
        }
    }

    private void LoggedIn(Member member, string account, bool announce = true)
    {
        var changed = !string.Equals(member.Account, account, StringComparison.Ordinal);
        member.Account = account;
        if (changed)
        {
            ClusterAccount(member);
            AnnounceAccount(member, account);
        }

        lock (_gate)
        {
            if (NicknameRules.Comparer.Equals(account, member.Nick))
            {
                member.NickGrace?.Dispose();
                member.NickGrace = null;
            }
        }

        if (announce)
        {
            member.Sink.TryDeliver(new Notice(NoticeKind.Account, $"You are logged in as {account}.", Now));
        }

        foreach (var room in RoomsOf(member))
        {
            GrantConfiguredOperator(member, room);
        }
    }

    private void TakeNick(Member member, string account)
    {
        if (NicknameRules.Comparer.Equals(member.Nick, account) && string.Equals(member.Nick, account, StringComparison.Ordinal))
        {
            return;
        }

        if (Find(account) is { } holder && holder != member)
        {
            if (holder.IsRemote)
            {
                // Only the holder's own node can rename it (it guards the nick there as here); the nick stays taken.
                LogNickHeldElsewhere(account, member.Nick, holder.Node!);
                member.Sink.TryDeliver(new Notice(
                    NoticeKind.Account, $"The nickname {account} is in use on another server of this chat; you keep {member.Nick} for now.", Now));
                return;
            }

            var guest = RenameToGuest(holder);
            holder.Sink.TryDeliver(new Notice(NoticeKind.Account, $"The owner of {account} logged in; you are now {guest ?? holder.Nick}.", Now));
        }

        TryRename(member, account);
    }

    /// <summary>Makes a configured operator account an operator of <paramref name="roomName"/>; the room is told (+o).</summary>
    internal void GrantConfiguredOperator(Member member, string roomName)
    {
        if (Accounts is not { } accounts || !accounts.IsOperator(member.Account))
        {
            return;
        }

        Room? room;
        lock (_gate)
        {
            room = FindRoom(member, roomName);
            if (room is null || !room.Operators.Add(member))
            {
                return;
            }
        }

        Broadcast(room, new RoomModeChanged(room.Name, member.Nick, "+o " + member.Nick, Now), except: null);
    }

    private static string Seconds(TimeSpan span) => Math.Ceiling(span.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
