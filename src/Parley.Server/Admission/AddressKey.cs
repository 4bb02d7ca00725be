using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Parley.Server.Admission;

/// <summary>
/// The unit the per-address limits count: an IPv4 address (also when it arrives IPv4-mapped on a dual-mode
/// socket), or an IPv6 /64 network, because one IPv6 host is normally given a whole /64 and could otherwise
/// open every connection from a different address (Ergo counts IPv6 by /64 for the same reason).
/// </summary>
internal static class AddressKey
{
    public static UInt128 Of(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            bytes[10] = 0xff;
            bytes[11] = 0xff;
            address.TryWriteBytes(bytes[12..], out _);
        }
        else
        {
            address.TryWriteBytes(bytes, out _);
            if (!address.IsIPv4MappedToIPv6)
            {
                bytes[8..].Clear();
            }
        }

        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }
}
