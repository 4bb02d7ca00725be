using System.Globalization;
using System.Net;

namespace Parley.Client.Connections;

/// <summary>Where to connect: <c>host:port</c>, <c>[::1]:port</c>, a bare <c>port</c> (on 127.0.0.1) or a bare host.</summary>
public sealed record ChatEndpoint(string Host, int Port)
{
    public const string DefaultHost = "127.0.0.1";
    public const int DefaultPort = 5000;

    /// <summary>The JSON-lines listener's default port; the text listener keeps <see cref="DefaultPort"/>.</summary>
    public const int DefaultJsonPort = 5001;

    public static ChatEndpoint Default { get; } = new(DefaultHost, DefaultPort);

    /// <summary>Speak TLS (the server's TLS ports: --text-tls-port, --json-tls-port).</summary>
    public bool Tls { get; init; }

    /// <summary>With <see cref="Tls"/>: accept any certificate (a self-signed one in development). Encrypts, but
    /// proves nothing about whom you talk to.</summary>
    public bool Insecure { get; init; }

    public static bool TryParse(string? text, out ChatEndpoint endpoint, out string error) =>
        TryParse(text, DefaultPort, out endpoint, out error);

    /// <summary>As above, with <paramref name="defaultPort"/> for a missing port (5001 for JSON, 5000 for text).</summary>
    public static bool TryParse(string? text, int defaultPort, out ChatEndpoint endpoint, out string error)
    {
        endpoint = new ChatEndpoint(DefaultHost, defaultPort);
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        text = text.Trim();
        string host;
        string? port;
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 2 || (close + 1 < text.Length && text[close + 1] != ':'))
            {
                error = $"'{text}' is not HOST:PORT (IPv6 addresses look like [::1]:5000)";
                return false;
            }

            host = text[1..close];
            port = close + 1 < text.Length ? text[(close + 2)..] : null;
        }
        else if (text.All(char.IsAsciiDigit))
        {
            host = DefaultHost;
            port = text;
        }
        else
        {
            int colon = text.LastIndexOf(':');
            if (colon >= 0 && text.IndexOf(':', StringComparison.Ordinal) != colon)
            {
                // Two colons without brackets: a bare IPv6 address, which cannot carry a port unambiguously.
                if (!IPAddress.TryParse(text, out _))
                {
                    error = $"'{text}' is not HOST:PORT (IPv6 addresses look like [::1]:5000)";
                    return false;
                }

                host = text;
                port = null;
            }
            else
            {
                host = colon >= 0 ? text[..colon] : text;
                port = colon >= 0 ? text[(colon + 1)..] : null;
            }
        }

        if (host.Length == 0 || host.Any(char.IsWhiteSpace))
        {
            error = $"'{text}' has no host name";
            return false;
        }

        int portNumber = defaultPort;
        if (port is not null
            && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out portNumber)
                || portNumber is < 1 or > 65535))
        {
            error = $"'{port}' is not a port number (1 to 65535)";
            return false;
        }

        endpoint = new ChatEndpoint(host, portNumber);
        return true;
    }

    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
