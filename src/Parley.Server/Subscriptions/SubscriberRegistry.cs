using System.Globalization;
using System.Net;

using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using Parley.Core.Hub;
using Parley.Server.Hosting;

namespace Parley.Server.Subscriptions;

/// <summary>
/// The seed server5.py registry: subscriptions keyed by the address each client registered ("host:port"). Each
/// is a hub member (protocol "json-sub") whose sink is a <see cref="SubscriberSink"/>; its nick is the subscribe
/// frame's "user", else a provisional "sub&lt;port&gt;" until a message names the user. Ownership:
/// <see cref="_gate"/> guards <see cref="_byAddress"/>; it may be held while calling into the hub, never the reverse.
/// As a hosted service it waits (bounded) at shutdown for the subscribers' last deliveries.
/// </summary>
public sealed partial class SubscriberRegistry : IHostedService, IDisposable
{
    private const int MaxProvisionalTries = 100;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SubscriberSink> _byAddress = new(StringComparer.OrdinalIgnoreCase);
    private readonly ChatHub _hub;
    private readonly ServerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SubscriberRegistry> _logger;
    private readonly List<OutboundDelivery> _allDeliveries = [];
    private readonly IServiceProvider _services;

    // IServiceProvider, not IServer: Kestrel's options build the connection handlers, which need this registry,
    // so asking for the server here would wait on itself. The server is looked up when a subscribe arrives.
    public SubscriberRegistry(ChatHub hub, IOptions<ServerOptions> options, TimeProvider time, ILogger<SubscriberRegistry> logger, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(options);
        _services = services;
        _hub = hub;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byAddress.Count;
            }
        }
    }

    /// <summary>
    /// Registers <paramref name="address"/> (or refreshes it) and binds <paramref name="channel"/> to it.
    /// <paramref name="nickProblem"/> is set when <paramref name="user"/> could not be used as the nick.
    /// </summary>
    public SubscribeResult Subscribe(
        SubscriberAddress address,
        string? user,
        ISubscriptionChannel? channel,
        Action? acknowledge,
        out SubscriberSink? sink,
        out RegistrationResult? nickProblem)
    {
        ArgumentNullException.ThrowIfNull(address);
        nickProblem = null;
        lock (_gate)
        {
            if (_byAddress.TryGetValue(address.Key, out sink))
            {
                acknowledge?.Invoke();
                if (channel is not null)
                {
                    sink.Bind(channel);
                }
            }
            else if (_byAddress.Count >= _options.MaxSubscribers)
            {
                return SubscribeResult.TooMany;
            }
            else
            {
                // Acknowledged before the hub announces the subscriber, whose joined event may come on the same connection.
                acknowledge?.Invoke();
                sink = Create(address, user, channel, out nickProblem);
                if (sink is null)
                {
                    return SubscribeResult.ShuttingDown;
                }

                _byAddress.Add(address.Key, sink);
                LogSubscribed(address.Key, sink.Member!.Nick);
                return SubscribeResult.Subscribed;
            }
        }

        if (user is not null && Adopt(sink, user) is var renamed && renamed is RenameResult.NickInvalid or RenameResult.NickTaken)
        {
            nickProblem = renamed == RenameResult.NickTaken ? RegistrationResult.NickTaken : RegistrationResult.NickInvalid;
        }

        LogRefreshed(address.Key);
        return SubscribeResult.Refreshed;
    }

    /// <summary>Ends the subscription at once: its member leaves with <paramref name="reason"/>, delivery stops.</summary>
    public bool Unsubscribe(string key, string reason)
    {
        SubscriberSink? sink;
        lock (_gate)
        {
            if (!_byAddress.Remove(key, out sink))
            {
                return false;
            }
        }

        End(sink, reason);
        return true;
    }

    /// <summary>The subscription a message from <paramref name="remoteKey"/> naming <paramref name="user"/> belongs to:
    /// one registered at the sender's own address (clients bind short connections to it), else one whose member
    /// is called <paramref name="user"/>.</summary>
    public SubscriberSink? Match(string? remoteKey, string? user)
    {
        if (remoteKey is not null)
        {
            lock (_gate)
            {
                if (_byAddress.TryGetValue(remoteKey, out var byAddress))
                {
                    return byAddress;
                }
            }
        }

        return user is not null && _hub.Find(user)?.Sink is SubscriberSink { IsActive: true } byUser ? byUser : null;
    }

    /// <summary>The subscription's member takes the name its messages carry.</summary>
    public RenameResult Adopt(SubscriberSink sink, string user)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var member = sink.Member;
        if (member is null || string.Equals(member.Nick, user, StringComparison.Ordinal))
        {
            return RenameResult.Unchanged;
        }

        var result = _hub.TryRename(member, user);
        if (result is not RenameResult.Renamed and not RenameResult.Unchanged)
        {
            LogKeptNick(sink.Address.Key, member.Nick, user, result);
        }

        return result;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs after the hub has told every member (and so every subscriber) that the server is stopping:
    /// waits for the outbound loops to deliver that, bounded by <see cref="ServerOptions.ShutdownTimeout"/>.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task[] loops;
        lock (_gate)
        {
            loops = [.. _allDeliveries.Select(d => d.Completion)];
        }

        try
        {
            await Task.WhenAll(loops).WaitAsync(_options.ShutdownTimeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            LogShutdownTimeout(loops.Count(l => !l.IsCompleted));
        }

        Dispose();
    }

    public void Dispose()
    {
        OutboundDelivery[] all;
        lock (_gate)
        {
            all = [.. _allDeliveries];
            _allDeliveries.Clear();
        }

        foreach (var delivery in all)
        {
            delivery.Dispose();
        }
    }

    private SubscriberSink? Create(SubscriberAddress address, string? user, ISubscriptionChannel? channel, out RegistrationResult? nickProblem)
    {
        nickProblem = null;
        SubscriberSink? sink = null;
        var outbound = new OutboundDelivery(address, _options, _time, _logger, reason => GiveUp(sink!, reason));
        sink = new SubscriberSink(address, outbound, _time, _options.SubscriberChannelGrace, _options.OutboxCapacity);
        if (IsOwnListener(address))
        {
            // The seed's example address, 127.0.0.1:5000, is this server's own text port: never dial ourselves.
            outbound.StartDormant();
        }

        if (channel is not null)
        {
            sink.Bind(channel);
        }

        Member? member = null;
        var result = user is null ? RegistrationResult.NickInvalid : Register(user, sink, out member);
        if (result != RegistrationResult.Registered && user is not null)
        {
            nickProblem = result;
        }

        for (var attempt = 1; result is RegistrationResult.NickInvalid or RegistrationResult.NickTaken && attempt <= MaxProvisionalTries; attempt++)
        {
            result = Register(ProvisionalNick(address, attempt), sink, out member);
        }

        if (result != RegistrationResult.Registered)
        {
            outbound.Dispose();
            return null;
        }

        sink.Member = member;
        _allDeliveries.Add(outbound);
        outbound.Start();
        return sink;
    }

    private RegistrationResult Register(string nick, SubscriberSink sink, out Member? member)
    {
        // The member must be known to the sink before the hub announces it, since the announcement is delivered.
        return _hub.TryRegister(nick, "json-sub", sink.Address.Key, canChangeRooms: true, sink, out member, beforeAnnounce: m => sink.Member = m);
    }

    private bool IsOwnListener(SubscriberAddress address)
    {
        var registered = address.Host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(address.Host, out var ip) ? ip : null;
        var server = (IServer?)_services.GetService(typeof(IServer));
        foreach (var bound in server?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
        {
            if (!Uri.TryCreate(bound, UriKind.Absolute, out var uri) || uri.Port != address.Port || registered is null)
            {
                continue;
            }

            var host = IPAddress.TryParse(uri.Host.Trim('[', ']'), out var boundIp) ? boundIp : IPAddress.Loopback;
            if (host.Equals(IPAddress.Any) || host.Equals(IPAddress.IPv6Any) || host.Equals(registered)
                || (IPAddress.IsLoopback(host) && IPAddress.IsLoopback(registered)))
            {
                return true;
            }
        }

        return false;
    }

    private static string ProvisionalNick(SubscriberAddress address, int attempt)
    {
        var nick = "sub" + address.Port.ToString(CultureInfo.InvariantCulture);
        return attempt == 1 ? nick : nick + "-" + attempt.ToString(CultureInfo.InvariantCulture);
    }

    private void GiveUp(SubscriberSink sink, string reason)
    {
        lock (_gate)
        {
            if (!_byAddress.TryGetValue(sink.Address.Key, out var current) || current != sink)
            {
                return;
            }

            _byAddress.Remove(sink.Address.Key);
        }

        End(sink, reason);
    }

    private void End(SubscriberSink sink, string reason)
    {
        if (!sink.End())
        {
            return;
        }

        LogUnsubscribed(sink.Address.Key, sink.Member?.Nick ?? "?", reason);
        sink.Outbound.Stop();
        lock (_gate)
        {
            _allDeliveries.Remove(sink.Outbound);
        }

        if (sink.Member is { } member)
        {
            _hub.Leave(member, reason);
        }
    }
}
