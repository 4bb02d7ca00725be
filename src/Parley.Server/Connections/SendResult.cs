namespace Parley.Server.Connections;

public enum SendResult
{
    /// <summary>Written into the transport's output now (the fast path: no flush was in flight).</summary>
    Sent,

    /// <summary>Queued behind a flush (or write gap) in flight; it goes out with the next drain, in order.</summary>
    Queued,

    /// <summary>The send queue would pass its byte limit: the peer does not take bytes. Nothing more is accepted.</summary>
    Overflow,

    /// <summary>The output is completing or closed; the bytes were dropped.</summary>
    Closed,
}
