namespace Parley.Server.Sessions;

public enum EnqueueResult
{
    Queued,

    /// <summary>The outbox holds its capacity: the peer reads too slowly.</summary>
    Full,

    /// <summary>The outbox was completed (the connection is closing); the item was dropped.</summary>
    Closed,
}
