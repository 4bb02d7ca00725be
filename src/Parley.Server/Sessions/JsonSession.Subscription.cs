using Parley.Core.Events;
using Parley.Core.Hub;
using Parley.Protocols.Json;
using Parley.Server.Subscriptions;

namespace Parley.Server.Sessions;

public sealed partial class JsonSession
{
    // {"operation":"subscribe","client":"127.0.0.1:5000"} (optional "user")
    private void Subscribe(ClientRequest request)
    {
        PreferStyle(native: false);
        if (_member is not null)
        {
            ReplyError(ErrorCodes.AlreadyRegistered, $"This connection is registered as {_member.Nick}; subscribe from a connection that has not said hello.");
            return;
        }

        if (!SubscriberAddress.TryParse(request.Client, out var address))
        {
            ReplyError(ErrorCodes.BadFrame, $"\"client\" must be HOST:PORT (an IP address or host name, and a port 1-65535), not \"{request.Client}\".");
            return;
        }

        // Settled first: the subscription's joined event may be forwarded here as soon as it is bound.
        SettleStyle(native: false);
        var previous = _subscription;
        var key = address.Key;
        var result = _registry.Subscribe(
            address, request.User, this, () => ReplyRaw(output => JsonSeedReplyWriter.WriteSubscribed(output, key)), out var subscription, out var nickProblem);
        switch (result)
        {
            case SubscribeResult.TooMany:
                ReplyError(ErrorCodes.BadFrame, $"Too many subscribers (at most {_options.MaxSubscribers}).");
                return;
            case SubscribeResult.ShuttingDown:
                ReplyError(ErrorCodes.NotRegistered, "Server is shutting down.");
                return;
        }

        if (previous is not null && previous != subscription)
        {
            previous.Unbind(this);
        }

        _subscription = subscription;
        _connection.HandshakeCompleted();
        if (nickProblem is { } problem)
        {
            ReplyError(
                problem == RegistrationResult.NickTaken ? ErrorCodes.NickTaken : ErrorCodes.NickInvalid,
                $"Cannot take the name {request.User}; subscribed as {subscription!.Member?.Nick}.");
        }
    }

    // {"operation":"unsubscribe","client":"127.0.0.1:5000"}: from any connection, as server5.py's clients send it on exit.
    private void Unsubscribe(ClientRequest request)
    {
        if (!SubscriberAddress.TryParse(request.Client, out var address))
        {
            ReplyError(ErrorCodes.BadFrame, $"\"client\" must be HOST:PORT (an IP address or host name, and a port 1-65535), not \"{request.Client}\".");
            return;
        }

        // Unsubscribed before unbinding, so nothing forwarded here is handed to a delivery path that is ending.
        _registry.Unsubscribe(address.Key, "unsubscribed");
        if (_subscription is { } bound && bound.Address.Key == address.Key)
        {
            bound.Unbind(this);
            _subscription = null;
        }
        var key = address.Key;
        ReplyRaw(output => (_native ? (Action<System.Buffers.IBufferWriter<byte>, string>)JsonReplyWriter.WriteUnsubscribed : JsonSeedReplyWriter.WriteUnsubscribed)(output, key));
    }
}
