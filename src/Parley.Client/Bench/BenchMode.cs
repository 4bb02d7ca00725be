namespace Parley.Client.Bench;

/// <summary>What a bench run measures.</summary>
public enum BenchMode
{
    /// <summary>One fixed load: S senders at R messages per second each, N clients reading.</summary>
    Load,

    /// <summary>N joined connections that send nothing: the server's memory per connection.</summary>
    Idle,

    /// <summary>Raise R step by step until loss or p99 over the limit; the best sustained deliveries/s.</summary>
    Ramp,
}
