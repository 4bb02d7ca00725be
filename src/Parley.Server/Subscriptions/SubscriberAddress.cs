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

    /// <summary>The IP address a connection from <paramref name="remote"/> comes from, in canonical form.</summary>
    public static IPAddress? IpOf(EndPoint? remote) => remote is IPEndPoint ip ? Canonical(ip.Address) : null;

    /// <summary>IPv4-mapped IPv6 addresses (a dual-stack socket's view of an IPv4 peer) as IPv4.</summary>
    public static IPAddress Canonical(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    private static bool Set(IPEndPoint ip, out SubscriberAddress address)
    {
        var host = Canonical(ip.Address);
        address = new SubscriberAddress(host.ToString(), ip.Port, IsIp: true);
        return true;
    }

    public override string ToString() => Key;
}
