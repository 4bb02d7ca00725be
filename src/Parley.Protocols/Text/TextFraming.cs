namespace Parley.Protocols.Text;

/// <summary>How a text connection delimits messages; replies use the framing the client uses.</summary>
public enum TextFraming
{
    /// <summary>No terminator: one message per write, told apart by a pause (tutorial clients using recv(1024)).</summary>
    Unframed,

    /// <summary>Lines ending in "\n".</summary>
    Lf,

    /// <summary>Lines ending in "\r\n" (telnet and friends).</summary>
    CrLf,
}
