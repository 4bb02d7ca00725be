namespace Parley.Protocols.Text;

/// <summary>The fixed texts of the seed dialects. Third-party clients compare some of them byte for byte.</summary>
public static class TextReplies
{
    /// <summary>Sent alone, in one write, with no newline: clients compare the whole recv() with it.</summary>
    public const string NickPrompt = "NICK";
    public const string Welcome = "Connected to server!";
    public const string Registered = "200 Registration successful";
    public const string InvalidRegistration = "400 Invalid registration";
    public const string AlreadyRegistered = "401 Client already registered";
    public const string ServerDisconnect = "DISCONNECT CHAT/1.0";
    public const string ShuttingDown = "Server is shutting down.";

    public static string HowToJoin(int graceMilliseconds) =>
        "Parley text port: wait " + graceMilliseconds + " ms for NICK and answer with your nickname, " +
        "or send \"REGISTER <name> CHAT/1.0\" first. JSON clients use the JSON port.";
}
