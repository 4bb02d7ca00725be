using Parley.Core.Events;
using Parley.Core.Hub;
using Parley.Core.Text;
using Parley.Protocols.Json;
using Parley.Server.Subscriptions;

namespace Parley.Server.Sessions;

public sealed partial class JsonSession
{
    private const string BadAddress = "\"client\" must be HOST:PORT (an IP address or host name, and a port 1-65535)";

    // {"operation":"subscribe","client":"127.0.0.1:5000"} (optional "user")
    private async ValueTask SubscribeAsync(ClientRequest request, CancellationToken cancellationToken)
    {
        PreferStyle(native: false);
        if (_member is not null)
        {
            ReplyError(ErrorCodes.AlreadyRegistered, $"This connection is registered as {_member.Nick}; subscribe from a connection that has not said hello.");
            return;
        }

        if (!SubscriberAddress.TryParse(request.Client, out var address) || _remoteIp is not { } subscriber)
        {
            ReplyError(ErrorCodes.BadFrame, $"{BadAddress}, not \"{Excerpt.Of(request.Client)}\".");
            return;
        }

        var plan = await _registry.PlanAsync(address, subscriber, cancellationToken).ConfigureAwait(false);
        if (plan.IsRefused)
        {
            ReplyError(ErrorCodes.DialRefused, $"Not subscribed: the server will not connect to {Excerpt.Of(plan.Key)}: {plan.Refusal}.");
            return;
        }

        if (_subscription is { IsActive: true } current && current.Key != plan.Key)
        {
            ReplyError(ErrorCodes.AlreadySubscribed, $"This connection is subscribed as {current.Key}; unsubscribe it first.");
            return;
        }

        var key = plan.Key;
        var result = _registry.Subscribe(plan, subscriber, request.User, this, Acknowledge, out var subscription, out var nickProblem);
        switch (result)
        {
            case SubscribeResult.TooMany:
                ReplyError(ErrorCodes.TooManySubscriptions, $"Too many subscriptions: this server takes at most {_options.MaxSubscribers}.");
                return;
            case SubscribeResult.TooManyFromAddress:
                ReplyError(ErrorCodes.TooManySubscriptions, $"Too many subscriptions from {subscriber}: at most {_options.MaxSubscriptionsPerIp}.");
                return;
            case SubscribeResult.Taken:
                ReplyError(ErrorCodes.SubscriptionTaken, $"{key} is subscribed by another connection.");
                return;
            case SubscribeResult.NoFreeNick:
                ReplyError(ErrorCodes.NickTaken, "No free name for this subscription; subscribe with \"user\".");
                return;
            case SubscribeResult.ShuttingDown:
                ReplyError(ErrorCodes.NotRegistered, "Server is shutting down.");
                return;
        }

        _subscription = subscription;
        _connection.HandshakeCompleted();
        if (nickProblem is { } problem)
        {
            ReplyError(
                problem == RegistrationResult.NickTaken ? ErrorCodes.NickTaken : ErrorCodes.NickInvalid,
                $"Cannot take the name {Excerpt.Of(request.User)}; subscribed as {subscription!.Member?.Nick}.");
        }

        // Runs under the registry's lock, before the subscription's member is announced (or re-bound): the
        // style is settled, and the acknowledgement queued, before any hub event can reach this connection.
        void Acknowledge()
        {
            SettleStyle(native: false);
            ReplyRaw(output => JsonSeedReplyWriter.WriteSubscribed(output, key));
        }
    }

    // {"operation":"unsubscribe","client":"127.0.0.1:5000"}: from the subscribing connection, or, once that has
    // gone, from any connection of the same IP (server5.py's clients send it on a new connection at exit).
    private void Unsubscribe(ClientRequest request)
    {
        if (!SubscriberAddress.TryParse(request.Client, out var address) || _remoteIp is not { } subscriber)
        {
            ReplyError(ErrorCodes.BadFrame, $"{BadAddress}, not \"{Excerpt.Of(request.Client)}\".");
            return;
        }

        var key = DialPolicy.KeyFor(address, subscriber);

        // Unsubscribed before unbinding, so nothing forwarded here is handed to a delivery path that is ending.
        if (_registry.Unsubscribe(key, this, subscriber, "unsubscribed") == UnsubscribeResult.NotOwner)
        {
            ReplyError(ErrorCodes.NotOwner, $"{key} belongs to another connection; only it can unsubscribe.");
            return;
        }

        if (_subscription is { } bound && bound.Key == key)
        {
            bound.Unbind(this);
            _subscription = null;
        }

        ReplyRaw(output => (_native ? (Action<System.Buffers.IBufferWriter<byte>, string>)JsonReplyWriter.WriteUnsubscribed : JsonSeedReplyWriter.WriteUnsubscribed)(output, key));
    }
}
