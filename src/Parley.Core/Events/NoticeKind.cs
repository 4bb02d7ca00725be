namespace Parley.Core.Events;

/// <summary>What a <see cref="Notice"/> answers. The names are wire values of the JSON protocol: do not rename.</summary>
public enum NoticeKind
{
    Info = 0,
    Welcome = 1,
    Goodbye = 2,
    Weather = 3,
    Who = 4,
    Rooms = 5,
    Help = 6,

    /// <summary>How long a room keeps history, told on joining it.</summary>
    History = 7,

    /// <summary>Account answers and warnings: registered, logged in, "this nickname is registered".</summary>
    Account = 8,
}
