namespace Parley.Client.Bench;

/// <summary>Picks the dialect for a protocol.</summary>
internal static class BenchDialects
{
    public static IBenchDialect For(BenchOptions options) => options.Protocol switch
    {
        BenchProtocol.Text => new TextBenchDialect(),
        BenchProtocol.Json => new JsonBenchDialect(),
        BenchProtocol.Irc => new IrcBenchDialect(options.Room),
        BenchProtocol.Ws => new WebSocketBenchDialect(options.PayloadBytes),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Protocol, "unknown protocol"),
    };
}
