namespace Parley.Client.Bench;

/// <summary>A server refused a bench client's registration or join, or closed during it.</summary>
public sealed class BenchHandshakeException : Exception
{
    public BenchHandshakeException()
    {
    }

    public BenchHandshakeException(string message)
        : base(message)
    {
    }

    public BenchHandshakeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
