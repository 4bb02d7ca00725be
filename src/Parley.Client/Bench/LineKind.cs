namespace Parley.Client.Bench;

/// <summary>What a received line that carries no bench payload means to the bench client.</summary>
public enum LineKind
{
    Other,

    /// <summary>A keep-alive the client must answer (IRC PING).</summary>
    Ping,

    /// <summary>The server refuses or drops us; kept as the disconnect reason.</summary>
    Error,
}
