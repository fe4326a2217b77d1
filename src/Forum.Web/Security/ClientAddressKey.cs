using System.Net;
using System.Net.Sockets;

namespace Forum.Web.Security;

/// <summary>
/// The client's address as the key of a per-address limit or lockout (the proxy's forwarded one when
/// trusted): an IPv4 address as it is, an IPv4-mapped IPv6 address as its IPv4 address, and any other
/// IPv6 address by its /64 prefix, since one host or household usually owns a whole /64 and could
/// otherwise take a fresh allowance with every address in it.
/// </summary>
public static class ClientAddressKey
{
    public static string For(HttpContext? context) => For(context?.Connection.RemoteIpAddress);

    public static string For(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        // The first 8 bytes are the /64; the zone of a link-local address goes too.
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return $"{new IPAddress(bytes)}/64";
    }
}
