using Parley.Core.Events;
using Parley.Core.Hub;

namespace Parley.Core.History;

/// <summary>A numbered message on its way through the writer: stored first, then delivered as
/// <see cref="Event"/> to <see cref="Room"/> (all but <see cref="Except"/>) or to <see cref="Recipient"/>.
/// <see cref="HandedOver"/>, when a sender asked for it, completes with true once the message is committed and handed
/// to delivery, or with false once it is refused; the writer completes it whatever happens.</summary>
internal sealed record PendingMessage(
    HistoryEntry Entry, ChatEvent Event, Room? Room, Member Sender, Member? Recipient, Member? Except, TaskCompletionSource<bool>? HandedOver = null);
