using Parley.Core.Hub;

namespace Parley.Server.Connections;

/// <summary>
/// Server-wide back-pressure on senders. A connection whose transport is behind while it is still making
/// progress (its peer reads, the server is just busy) holds the pressure up; read loops wait at
/// <see cref="HoldGate.WaitAsync"/> before handling the next message, so the server stops reading its senders
/// (TCP back-pressure) instead of letting send queues grow until readers look like slow consumers.
/// A connection that makes no progress for a while lets go (see <see cref="ConnectionOutput.CheckStall"/>),
/// so one peer that stopped reading cannot hold the room up: it is a slow consumer and is cut off.
/// </summary>
public sealed class SendPressure : HoldGate
{
    /// <summary>Connections currently holding the pressure up.</summary>
    public int Congested => Holders;
}
