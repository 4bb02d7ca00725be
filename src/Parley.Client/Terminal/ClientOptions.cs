using Parley.Client.Connections;

namespace Parley.Client.Terminal;

/// <summary>What <c>parley client</c> was asked to do, already validated by the command line.</summary>
public sealed record ClientOptions(ChatEndpoint Endpoint, string? Name, TimeSpan Linger, bool NoColor)
{
    public static TimeSpan DefaultLinger { get; } = TimeSpan.FromSeconds(1);

    /// <summary>A script must end even if the server chatters forever; this caps <see cref="Linger"/>.</summary>
    public static TimeSpan MaxLinger { get; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait for the server to accept the registration before giving up.</summary>
    public static TimeSpan ConnectTimeout { get; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for "Bye from Server" after saying DISCONNECT.</summary>
    public static TimeSpan GoodbyeTimeout { get; } = TimeSpan.FromSeconds(2);

    public ClientProtocol Protocol { get; init; } = ClientProtocol.Json;

    /// <summary>chat5.py mode (JSON only): the local port to listen on and subscribe with; 0 picks one. Null: a normal session.</summary>
    public int? ListenPort { get; init; }

    /// <summary>Address to listen on in chat5.py mode; loopback unless the user chooses otherwise.</summary>
    public string ListenHost { get; init; } = "127.0.0.1";

    /// <summary>A new, unconnected connection of the kind these options ask for.</summary>
    public IChatConnection CreateConnection() => this switch
    {
        { ListenPort: { } port } => new SubscriberConnection(ListenHost, port),
        { Protocol: ClientProtocol.Text } => new TextChatConnection(),
        _ => new JsonChatConnection(),
    };
}
