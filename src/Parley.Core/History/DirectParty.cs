namespace Parley.Core.History;

/// <summary>
/// Who reads direct-message history, by identity rather than by nickname alone (issue 10: a nickname is not an
/// identity; a guest who takes a nick that someone else used must not read that someone's direct messages).
/// Rule, for the reader's side of a stored direct message (sender or recipient): the side matches when
/// <list type="bullet">
/// <item>the reader is logged in and the side's account is <see cref="Account"/> (whatever nickname it used then), or</item>
/// <item>the side has no account, its nickname is <see cref="Nick"/>, and the message was sent at or after
/// <see cref="NickSince"/>, the moment this connection took the nickname (compared to the millisecond, as stored).</item>
/// </list>
/// A guest therefore reads only what it sent and received under its present nickname in its present session; an
/// account holder reads everything of its account, plus its own guest messages of this session (before it logged in).
/// Names and accounts compare case-insensitively (ASCII), as the hub does.
/// </summary>
public sealed record DirectParty(string Nick, string? Account, DateTimeOffset NickSince)
{
    /// <summary><see cref="NickSince"/> cut to the millisecond (stores keep milliseconds), never later than it.</summary>
    public DateTimeOffset SinceMilliseconds => DateTimeOffset.FromUnixTimeMilliseconds(NickSince.ToUnixTimeMilliseconds());
}
