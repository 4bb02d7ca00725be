namespace Parley.Client.Connections;

/// <summary>What a text server said before the client spoke; it decides the dialect (docs/client.md).</summary>
internal enum Greeting
{
    /// <summary>Nothing within the wait: a REGISTER server (seed 002), or Parley's text port.</summary>
    Silent,

    /// <summary>The server closed without a word.</summary>
    Closed,

    /// <summary>The four bytes <c>NICK</c> alone (seed 003's server.py, Parley): answer unframed.</summary>
    UnframedNick,

    /// <summary><c>NICK\n</c>: a line server; answer with a line.</summary>
    FramedNick,

    /// <summary>Anything else, left unread for the reply reader (a banner, an "error: ..." refusal).</summary>
    Other,
}
