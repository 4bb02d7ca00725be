namespace Parley.Core.Hub;

/// <summary>What <see cref="ChatHub.JoinRoom"/> did.</summary>
public enum JoinOutcome
{
    Joined,
    AlreadyIn,
    NameInvalid,
    TooManyRooms,
    RoomsUnsupported,
    InviteOnly,
    BadKey,
    Full,
    Banned,
}
