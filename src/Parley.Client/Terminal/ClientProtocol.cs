namespace Parley.Client.Terminal;

/// <summary>The wire format <c>parley client</c> speaks.</summary>
public enum ClientProtocol
{
    /// <summary>The native JSON-lines protocol (port 5001 by default): rooms, structured commands.</summary>
    Json,

    /// <summary>The REGISTER text dialect (port 5000 by default): one room, commands sent as text.</summary>
    Text,
}
