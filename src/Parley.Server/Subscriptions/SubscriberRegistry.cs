using System.Globalization;
using System.Net;

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
    private const int MaxProvisionalTries = 20;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SubscriberSink> _byAddress = new(StringComparer.OrdinalIgnoreCase);
    private readonly ChatHub _hub;
    private readonly ServerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SubscriberRegistry> _logger;
    private readonly List<OutboundDelivery> _allDeliveries = [];
    private readonly DialPolicy _policy;
    private readonly DialBudget _budget;

    public SubscriberRegistry(
        ChatHub hub, IOptions<ServerOptions> options, TimeProvider time, ILogger<SubscriberRegistry> logger, DialPolicy policy, DialBudget budget)
    {
        ArgumentNullException.ThrowIfNull(options);
        _policy = policy;
        _budget = budget;
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

    /// <summary>What a subscribe naming <paramref name="named"/> from <paramref name="subscriber"/> may do (see
    /// <see cref="DialPolicy"/>).</summary>
    public ValueTask<DialPlan> PlanAsync(SubscriberAddress named, IPAddress subscriber, CancellationToken cancellationToken) =>
        _policy.PlanAsync(named, subscriber, cancellationToken);

    /// <summary>
    /// Registers <paramref name="plan"/>'s address for the connection <paramref name="channel"/> from
    /// <paramref name="subscriber"/>, or refreshes it if that connection owns it (or its IP does, and the
    /// connection that made it has gone). <paramref name="acknowledge"/> runs before the new member is announced.
    /// <paramref name="nickProblem"/> is set when <paramref name="user"/> could not be used as the nick.
    /// </summary>
    public SubscribeResult Subscribe(
        DialPlan plan,
        IPAddress subscriber,
        string? user,
        ISubscriptionChannel channel,
        Action acknowledge,
        out SubscriberSink? sink,
        out RegistrationResult? nickProblem)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(acknowledge);
        nickProblem = null;
        lock (_gate)
        {
            if (_byAddress.TryGetValue(plan.Key, out sink))
            {
                if (!Owns(sink, channel, subscriber))
                {
                    sink = null;
                    return SubscribeResult.Taken;
                }

                acknowledge();
                sink.Bind(channel);
            }
            else if (_byAddress.Count >= _options.MaxSubscribers)
            {
                return SubscribeResult.TooMany;
            }
            else if (CountFrom(subscriber) >= _options.MaxSubscriptionsPerIp)
            {
                return SubscribeResult.TooManyFromAddress;
            }
            else
            {
                // Acknowledged before the hub announces the subscriber, whose joined event may come on the same connection.
                acknowledge();
                var result = Create(plan, subscriber, user, channel, out sink, out nickProblem);
                if (result != SubscribeResult.Subscribed)
                {
                    return result;
                }

                _byAddress.Add(plan.Key, sink!);
                LogSubscribed(plan.Key, sink!.Member!.Nick);
                return SubscribeResult.Subscribed;
            }
        }

        if (user is not null && Adopt(sink, user) is var renamed && renamed is RenameResult.NickInvalid or RenameResult.NickTaken)
        {
            nickProblem = renamed == RenameResult.NickTaken ? RegistrationResult.NickTaken : RegistrationResult.NickInvalid;
        }

        LogRefreshed(plan.Key);
        return SubscribeResult.Refreshed;
    }

    /// <summary>Ends the subscription at <paramref name="key"/> for its owner (see <see cref="Owns"/>): its member
    /// leaves with <paramref name="reason"/> and delivery stops at once.</summary>
    public UnsubscribeResult Unsubscribe(string key, ISubscriptionChannel channel, IPAddress subscriber, string reason)
    {
        SubscriberSink? sink;
        lock (_gate)
        {
            if (!_byAddress.TryGetValue(key, out sink))
            {
                return UnsubscribeResult.NotSubscribed;
            }

            if (!Owns(sink, channel, subscriber))
            {
                return UnsubscribeResult.NotOwner;
            }

            _byAddress.Remove(key);
        }

        End(sink, reason);
        return UnsubscribeResult.Unsubscribed;
    }

    /// <summary>Ends <paramref name="sink"/>'s subscription (its own member said goodbye).</summary>
    public void Quit(SubscriberSink sink, string reason)
    {
        ArgumentNullException.ThrowIfNull(sink);
        GiveUp(sink, reason);
    }

    /// <summary>The subscription a message on <paramref name="channel"/> naming <paramref name="user"/> speaks for:
    /// one registered at the connection's own address <paramref name="remoteKey"/> (clients bind their short
    /// connections to it, which only the owner of that address can), else one whose member is called
    /// <paramref name="user"/>, if this connection may act for it (see <see cref="Owns"/>).</summary>
    public SubscriberSink? Match(string? remoteKey, string? user, ISubscriptionChannel channel, IPAddress? subscriber)
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

        return user is not null && subscriber is not null && _hub.Find(user)?.Sink is SubscriberSink { IsActive: true } byUser
            && Owns(byUser, channel, subscriber)
            ? byUser
            : null;
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
            LogKeptNick(sink.Key, member.Nick, user, result);
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

    /// <summary>A subscription belongs to the connection that made it while that is open, then to its IP:
    /// <paramref name="channel"/> from <paramref name="subscriber"/> may claim, end or speak for
    /// <paramref name="sink"/> only if it is the bound connection, or none is bound and it comes from that IP.</summary>
    private static bool Owns(SubscriberSink sink, ISubscriptionChannel channel, IPAddress subscriber) =>
        sink.IsBoundTo(channel) || (!sink.IsBound && sink.OwnerIp.Equals(subscriber));

    private SubscribeResult Create(
        DialPlan plan, IPAddress subscriber, string? user, ISubscriptionChannel channel, out SubscriberSink? sink, out RegistrationResult? nickProblem)
    {
        nickProblem = null;
        SubscriberSink? created = null;
        var outbound = new OutboundDelivery(plan.Key, plan.Target, _options, _time, _logger, _policy, _budget, reason => GiveUp(created!, reason));
        created = new SubscriberSink(plan.Key, subscriber, outbound, _time, _options.SubscriberChannelGrace, _options.OutboxCapacity);
        sink = created;
        created.Bind(channel);

        Member? member = null;
        var result = user is null ? RegistrationResult.NickInvalid : Register(user, created, out member);
        if (result is RegistrationResult.NickInvalid or RegistrationResult.NickTaken && user is not null)
        {
            nickProblem = result;
        }

        for (var attempt = 1; result is RegistrationResult.NickInvalid or RegistrationResult.NickTaken && attempt <= MaxProvisionalTries; attempt++)
        {
            result = Register(ProvisionalNick(plan, attempt), created, out member);
        }

        if (result != RegistrationResult.Registered)
        {
            outbound.Dispose();
            sink = null;
            return result == RegistrationResult.ShuttingDown ? SubscribeResult.ShuttingDown : SubscribeResult.NoFreeNick;
        }

        created.Member = member;
        _allDeliveries.Add(outbound);
        outbound.Start();
        return SubscribeResult.Subscribed;
    }

    private RegistrationResult Register(string nick, SubscriberSink sink, out Member? member)
    {
        // The member must be known to the sink before the hub announces it, since the announcement is delivered.
        return _hub.TryRegister(nick, "json-sub", sink.Key, canChangeRooms: true, sink, out member, beforeAnnounce: m => sink.Member = m);
    }

    private int CountFrom(IPAddress subscriber)
    {
        var count = 0;
        foreach (var sink in _byAddress.Values)
        {
            if (sink.OwnerIp.Equals(subscriber))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>"sub6000", "sub6000-2" ... "sub6000-9", then a random suffix, so that many subscribers naming the
    /// same port (from several machines) still get a name.</summary>
    private static string ProvisionalNick(DialPlan plan, int attempt)
    {
        var nick = "sub" + plan.Key[(plan.Key.LastIndexOf(':') + 1)..];
        return attempt switch
        {
            1 => nick,
            < 10 => nick + "-" + attempt.ToString(CultureInfo.InvariantCulture),
            _ => nick + "-" + Random.Shared.Next(0x10000, 0xFFFFF).ToString("x", CultureInfo.InvariantCulture),
        };
    }

    private void GiveUp(SubscriberSink sink, string reason)
    {
        lock (_gate)
        {
            if (!_byAddress.TryGetValue(sink.Key, out var current) || current != sink)
            {
                return;
            }

            _byAddress.Remove(sink.Key);
        }

        End(sink, reason);
    }

    private void End(SubscriberSink sink, string reason)
    {
        if (!sink.End())
        {
            return;
        }

        LogUnsubscribed(sink.Key, sink.Member?.Nick ?? "?", reason);
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
