namespace Parley.Core.Events;

/// <summary>A member logged in to <see cref="Account"/>, or out (null). Told once to every other member of the rooms
/// it is in; only IRC clients that negotiated <c>account-notify</c> show it, every other wire format writes nothing.</summary>
public sealed class AccountChanged(string nick, string? account, DateTimeOffset time) : ChatEvent(time)
{
    public string Nick { get; } = nick;

    public string? Account { get; } = account;
}
