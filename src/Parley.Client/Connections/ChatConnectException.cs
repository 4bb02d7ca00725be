namespace Parley.Client.Connections;

/// <summary>Connecting or registering failed; <see cref="Exception.Message"/> is written for the user.</summary>
public sealed class ChatConnectException : Exception
{
    public ChatConnectException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
