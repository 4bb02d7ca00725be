using System.Net;
using System.Net.Sockets;

namespace Parley.Core.Accounts;

/// <summary>The unit the per-address attempt limit counts, from a member's "ip:port": the IPv4 address, or the IPv6
/// /64 (one host is normally given a whole /64), as the connection limits count them.</summary>
internal static class AttemptAddress
{
    public static string Of(string address)
    {
        if (!IPEndPoint.TryParse(address, out var endPoint))
        {
            return address;
        }

        var ip = endPoint.Address;
        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        if (ip.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return ip.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        ip.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }
}
