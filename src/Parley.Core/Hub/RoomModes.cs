namespace Parley.Core.Hub;

/// <summary>Channel modes without an argument (IRC letters in brackets). Every room starts +n; an operator may set -n,
/// and then non-members post to it from every protocol.</summary>
[Flags]
public enum RoomModes
{
    None = 0,

    /// <summary>[n] only members post (the default).</summary>
    NoExternal = 1,

    /// <summary>[t] only operators change the topic.</summary>
    TopicLocked = 2,

    /// <summary>[m] only operators and voiced members post.</summary>
    Moderated = 4,

    /// <summary>[i] only invited members join.</summary>
    InviteOnly = 8,

    /// <summary>[s] not listed to non-members.</summary>
    Secret = 16,
}
