namespace Parley.Core.Events;

/// <summary>Stable error codes; they are on the wire (JSON "code"), so never change one.</summary>
public static class ErrorCodes
{
    public const string NickTaken = "nick-taken";
    public const string NickInvalid = "nick-invalid";
    public const string TooLong = "too-long";
    public const string UnknownCommand = "unknown-command";
    public const string BadSyntax = "bad-syntax";
    public const string NoSuchNick = "no-such-nick";
    public const string NoSuchRoom = "no-such-room";
    public const string NotInRoom = "not-in-room";
    public const string RoomInvalid = "room-invalid";
    public const string TooManyRooms = "too-many-rooms";
    public const string RoomsUnsupported = "rooms-unsupported";
    public const string WeatherUnavailable = "weather-unavailable";
    public const string BadFrame = "bad-frame";
    public const string NotRegistered = "not-registered";
    public const string SlowConsumer = "slow-consumer";
    public const string AlreadyRegistered = "already-registered";
    public const string TooManySubscriptions = "too-many-subscriptions";
    public const string SubscriptionTaken = "subscription-taken";
    public const string AlreadySubscribed = "already-subscribed";
    public const string NotOwner = "not-owner";
    public const string DialRefused = "dial-refused";

    /// <summary>Connection refused: the server holds its most connections over all listeners.</summary>
    public const string ServerFull = "server-full";

    /// <summary>Connection refused: the client's address holds its most connections.</summary>
    public const string TooManyConnections = "too-many-connections";

    /// <summary>Connection refused: the client's address connects faster than its attempt rate.</summary>
    public const string TooManyAttempts = "too-many-attempts";
    public const string Flood = "flood";
    public const string Timeout = "timeout";

    /// <summary>Join refused: the room is invite-only (+i) and the member was not invited.</summary>
    public const string InviteOnly = "invite-only";

    /// <summary>Join refused: the room has a key (+k) and the member gave another one, or none.</summary>
    public const string BadKey = "bad-key";

    /// <summary>Join refused: the room holds its member limit (+l).</summary>
    public const string RoomFull = "room-full";

    /// <summary>Join refused: a ban (+b) matches the member.</summary>
    public const string Banned = "banned";

    /// <summary>Message refused: the room is moderated (+m) and the member is neither operator nor voiced.</summary>
    public const string Moderated = "moderated";

    /// <summary>The server keeps no history (--no-history).</summary>
    public const string HistoryOff = "history-off";

    /// <summary>The history store failed: the message was not stored, so it was not delivered either.</summary>
    public const string HistoryUnavailable = "history-unavailable";

    /// <summary>Registering a nickname that is registered already.</summary>
    public const string AccountExists = "account-exists";

    /// <summary>Wrong account name or password (the two are not told apart).</summary>
    public const string AuthFailed = "auth-failed";

    /// <summary>Too many login attempts for the account or from the address.</summary>
    public const string RateLimited = "rate-limited";

    /// <summary>A password shorter or longer than the server's limits.</summary>
    public const string PasswordInvalid = "password-invalid";

    /// <summary>The command needs a logged-in account (/passwd, /logout).</summary>
    public const string NotLoggedIn = "not-logged-in";

    /// <summary>The account store failed; nothing changed.</summary>
    public const string AccountsUnavailable = "accounts-unavailable";

    /// <summary>A room operator's command (topic while +t, kick, modes) by someone who is not one.</summary>
    public const string NotOperator = "not-operator";
}
