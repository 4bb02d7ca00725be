using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

using Parley.Server.Hosting;

namespace Parley.Server.Subscriptions;

/// <summary>
/// The rule for every connection the server makes on a client's behalf (docs/security.md): under
/// <see cref="SubscribeDialMode.SameIp"/> only the IP address the subscribing connection comes from (a name is
/// resolved once, and only the subscriber's own IP is ever dialled, never the name), or an address of the
/// operator's allow-list; never a port below 1024 unless allowed; never one of this server's own listeners,
/// which <see cref="IsOwnListener"/> checks again before every dial (listeners bound to a wildcard address
/// answer on every local address). Thread-safe; the local-address cache is refreshed at most every 30 s.
/// </summary>
public sealed class DialPolicy
{
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LocalAddressLifetime = TimeSpan.FromSeconds(30);
    private readonly ServerOptions _options;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _time;
    private readonly IPNetwork[] _allowed;
    private LocalAddresses? _local;

    // IServiceProvider, not IServer: Kestrel's options build the connection handlers, which need the registry
    // and so this policy; asking for the server here would wait on itself. It is looked up per check.
    public DialPolicy(IOptions<ServerOptions> options, IServiceProvider services, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _services = services;
        _time = time;
        Mode = ParseMode(_options.SubscribeDial);
        _allowed = [.. _options.SubscribeDialAllow.Select(ParseNetwork)];
    }

    public SubscribeDialMode Mode { get; }

    public static SubscribeDialMode ParseMode(string text) => text switch
    {
        "off" => SubscribeDialMode.Off,
        "any" => SubscribeDialMode.Any,
        "same-ip" => SubscribeDialMode.SameIp,
        _ => throw new ArgumentException($"SubscribeDial must be off, same-ip or any, not \"{text}\".", nameof(text)),
    };

    /// <summary>"10.0.0.0/8" or a single address ("192.0.2.7").</summary>
    public static IPNetwork ParseNetwork(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IPNetwork.TryParse(text, out var network))
        {
            return network;
        }

        if (IPAddress.TryParse(text, out var address))
        {
            return new IPNetwork(Canonical(address), address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
        }

        throw new ArgumentException($"SubscribeDialAllow: \"{text}\" is neither an IP address nor a CIDR network.", nameof(text));
    }

    /// <summary>The registry key a subscriber at <paramref name="subscriber"/> means by <paramref name="named"/>:
    /// an unspecified host ("0.0.0.0:6000", what a program bound to every interface reports) is its own address.</summary>
    public static string KeyFor(SubscriberAddress named, IPAddress subscriber)
    {
        ArgumentNullException.ThrowIfNull(named);
        ArgumentNullException.ThrowIfNull(subscriber);
        return IsUnspecified(named) ? SubscriberAddress.KeyOf(new IPEndPoint(Canonical(subscriber), named.Port))! : named.Key;
    }

    /// <summary>Decides what a subscribe from <paramref name="subscriber"/> naming <paramref name="named"/> may do.</summary>
    public async ValueTask<DialPlan> PlanAsync(SubscriberAddress named, IPAddress subscriber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(named);
        ArgumentNullException.ThrowIfNull(subscriber);
        subscriber = Canonical(subscriber);
        var key = KeyFor(named, subscriber);
        if (Mode == SubscribeDialMode.Off)
        {
            return new DialPlan(key, null, null);
        }

        if (named.Port < 1024 && !_options.SubscribeDialPrivilegedPorts)
        {
            return DialPlan.Refuse(key, "ports below 1024 are not dialled");
        }

        var candidates = await CandidatesAsync(named, subscriber, cancellationToken).ConfigureAwait(false);
        if (candidates.Length == 0)
        {
            return DialPlan.Refuse(key, "the host name does not resolve");
        }

        IPAddress? chosen = null;
        if (Array.IndexOf(candidates, subscriber) >= 0)
        {
            chosen = subscriber;
        }
        else if (Mode == SubscribeDialMode.Any)
        {
            chosen = candidates[0];
        }
        else
        {
            chosen = Array.Find(candidates, c => Array.Exists(_allowed, n => n.Contains(c)));
        }

        if (chosen is null)
        {
            return DialPlan.Refuse(key, $"this server only connects back to the address you connect from ({subscriber})");
        }

        var target = new IPEndPoint(chosen, named.Port);
        return IsOwnListener(target)
            ? DialPlan.Refuse(key, "that is this server's own listener")
            : new DialPlan(key, target, null);
    }

    /// <summary>Whether <paramref name="target"/> would reach one of this server's listeners: its port is a
    /// listener's and its address is one of this machine's (loopback or an interface address).</summary>
    public bool IsOwnListener(IPEndPoint target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var server = (IServer?)_services.GetService(typeof(IServer));
        var ports = new HashSet<int>();
        foreach (var bound in server?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
        {
            if (Uri.TryCreate(bound, UriKind.Absolute, out var uri))
            {
                ports.Add(uri.Port);
            }
        }

        return ports.Contains(target.Port) && IsLocal(Canonical(target.Address));
    }

    private static bool IsUnspecified(SubscriberAddress named) =>
        named.IsIp && IPAddress.TryParse(named.Host, out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any));

    private static IPAddress Canonical(IPAddress address) => SubscriberAddress.Canonical(address);

    private static async ValueTask<IPAddress[]> CandidatesAsync(SubscriberAddress named, IPAddress subscriber, CancellationToken cancellationToken)
    {
        if (IsUnspecified(named))
        {
            return [subscriber];
        }

        if (named.IsIp)
        {
            return [Canonical(IPAddress.Parse(named.Host))];
        }

        if (named.Host == "localhost")
        {
            return [IPAddress.Loopback, IPAddress.IPv6Loopback];
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ResolveTimeout);
        try
        {
            var resolved = await Dns.GetHostAddressesAsync(named.Host, timeout.Token).ConfigureAwait(false);
            return [.. resolved.Select(Canonical)];
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return [];
        }
    }

    private bool IsLocal(IPAddress address)
    {
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        var local = Volatile.Read(ref _local);
        if (local is null || _time.GetElapsedTime(local.At) > LocalAddressLifetime)
        {
            var addresses = new HashSet<IPAddress>();
            try
            {
                foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
                {
                    foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                    {
                        addresses.Add(Canonical(unicast.Address));
                    }
                }
            }
            catch (NetworkInformationException)
            {
                // No interface list: loopback (checked above) is what is left to protect.
            }

            local = new LocalAddresses(_time.GetTimestamp(), addresses);
            Volatile.Write(ref _local, local);
        }

        return local.Addresses.Contains(address);
    }

    private sealed record LocalAddresses(long At, HashSet<IPAddress> Addresses);
}
