namespace Parley.Client.Terminal;

/// <summary>Why a session ended; decides the exit code.</summary>
public enum SessionEnd
{
    /// <summary>The user (or the end of a script) left: exit code 0.</summary>
    Left,

    /// <summary>The server announced its shutdown: exit code 0.</summary>
    ServerShutdown,

    /// <summary>The connection broke without a shutdown notice: exit code 1.</summary>
    ConnectionLost,
}
