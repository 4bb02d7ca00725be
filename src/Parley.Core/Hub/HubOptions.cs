namespace Parley.Core.Hub;

/// <summary>Hub settings; bound from the "Parley" configuration section and the command line.</summary>
public sealed record HubOptions
{
    public const string DefaultRoomName = "#general";

    /// <summary>The room every member joins on arrival.</summary>
    public string DefaultRoom { get; init; } = DefaultRoomName;

    /// <summary>Send a member's own room messages back to it too.</summary>
    public bool Echo { get; init; }

    /// <summary>Answer <c>weather</c> and <c>/weather</c>; when off, "weather" is an ordinary message.</summary>
    public bool WeatherEnabled { get; init; } = true;

    /// <summary>Longest nickname, in characters.</summary>
    public int MaxNickLength { get; init; } = NicknameRules.DefaultMaxLength;

    /// <summary>Longest chat message, in UTF-8 bytes.</summary>
    public int MaxMessageBytes { get; init; } = 4096;

    /// <summary>Most rooms one member may be in at once.</summary>
    public int MaxRoomsPerMember { get; init; } = 20;

    /// <summary>Departed nicknames kept for IRC WHOWAS (oldest dropped first); 0 keeps none.</summary>
    public int WhowasLength { get; init; } = 100;

    /// <summary>Longest room name, in characters, '#' included.</summary>
    public int MaxRoomNameLength { get; init; } = 50;

    /// <summary>Events a room's dispatcher may have queued or in delivery before the hub stops reading senders
    /// (back-pressure, nothing dropped); it reads again when the queue is down to half.</summary>
    public int RoomQueueLength { get; init; } = 4096;

    /// <summary>Print a console line for every room and direct message (the seeds' server shows each one);
    /// <c>--quiet</c> turns it off. The console logger writes on its own thread, so this never blocks delivery.</summary>
    public bool LogMessages { get; init; } = true;

    /// <summary>Shortest time between the starts of two deliveries of one room: events that arrive sooner wait
    /// and go out together, one write per member for all of them (fewer system calls under load). A room quiet
    /// for longer delivers at once, so this adds latency only when the room is busy. Zero delivers every event
    /// at once.</summary>
    public TimeSpan FanOutInterval { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>A busy room of at least 64 members is delivered in this many phases (1 to 8): each member still gets
    /// one write per <see cref="FanOutInterval"/>, but the phases take turns spread over the interval, so a message
    /// waits for its member's turn instead of a round of sends over the whole room. 1 delivers to every member in
    /// one round per interval.</summary>
    public int FanOutPhases { get; init; } = 3;
}
