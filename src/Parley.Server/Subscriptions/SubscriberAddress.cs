using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace Parley.Server.Subscriptions;

/// <summary>
/// The "client" of a subscribe frame: an IP address or a host name, and a port 1..65535 ("127.0.0.1:5000",
/// "[::1]:5000", "alice.local:5000"). <see cref="Key"/> is its canonical text, the registry's key: IP addresses in
/// their canonical form (IPv4-mapped IPv6 as IPv4), host names in lower case.
/// </summary>
public sealed record SubscriberAddress(string Host, int Port, bool IsIp)
{
    public string Key => IsIp && Host.Contains(':', StringComparison.Ordinal)
        ? $"[{Host}]:{Port.ToString(CultureInfo.InvariantCulture)}"
        : $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    public static bool TryParse(string? text, [NotNullWhen(true)] out SubscriberAddress? address)
    {
        address = null;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 300)
        {
            return false;
        }

        text = text.Trim();
        if (IPEndPoint.TryParse(text, out var ip))
        {
            // IPEndPoint.TryParse takes "127.0.0.1" with port 0: a subscriber must say where it listens.
            return ip.Port is > 0 and <= 65535 && text.Contains(':', StringComparison.Ordinal) && Set(ip, out address);
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            return false;
        }

        var host = text[..colon];
        if (Uri.CheckHostName(host) != UriHostNameType.Dns)
        {
            return false;
        }

        address = new SubscriberAddress(host.ToLowerInvariant(), port, IsIp: false);
        return true;
    }

    /// <summary>The key a connection from <paramref name="remote"/> would have, to match it against registered addresses.</summary>
    public static string? KeyOf(EndPoint? remote) =>
        remote is IPEndPoint ip && Set(ip, out var address) ? address.Key : null;

    private static bool Set(IPEndPoint ip, out SubscriberAddress address)
    {
        var host = ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address;
        address = new SubscriberAddress(host.ToString(), ip.Port, IsIp: true);
        return true;
    }

    public override string ToString() => Key;
}
