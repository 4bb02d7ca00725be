using System.Globalization;

namespace Parley.Client.Peer;

/// <summary>Where another peer listens, as given on the command line: <c>HOST:PORT</c> (IPv6 as <c>[::1]:PORT</c>).</summary>
public sealed record PeerAddress(string Host, int Port)
{
    public static bool TryParse(string text, out PeerAddress? address)
    {
        ArgumentNullException.ThrowIfNull(text);
        address = null;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            return false;
        }

        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        if (host.Length == 0)
        {
            return false;
        }

        address = new PeerAddress(host, port);
        return true;
    }

    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
