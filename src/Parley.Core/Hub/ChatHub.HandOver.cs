using Parley.Core.Events;

namespace Parley.Core.Hub;

/// <summary>
/// Messages a sender can wait for. With history on, a message reaches its recipients only after the writer committed
/// it (ChatHub.History.cs); these overloads also give the sender a task that completes then: true once the message is
/// stored and handed to delivery (the room's dispatcher, the recipient's outbox; in a cluster, once committed, since
/// the backplane delivers it), false once it is refused (the sender was told why). A session that awaits it before
/// its echo and before its next command acknowledges only stored messages, and its later answers never overtake the
/// effects of its earlier messages (issue 10). With history off the task is complete already and nothing is allocated.
/// </summary>
public sealed partial class ChatHub
{
    /// <summary>Completed with true: what a sender awaits for a message that needed no store (history off).</summary>
    private static readonly Task<bool> HandedAtOnce = Task.FromResult(true);

    /// <summary>As <see cref="Say(Member, string?, string, long?, out string?, string?)"/>, with
    /// <paramref name="handedOver"/> (see the type's summary).</summary>
    public MessagePosted? Say(
        Member sender, string? roomName, string text, long? clientSeq, string? clientTags, out string? errorCode, out Task<bool> handedOver) =>
        Say(sender, roomName, text, clientSeq, clientTags, track: true, out errorCode, out handedOver);

    /// <summary>As <see cref="SendDirectMessage(Member, string, string, long?, string?)"/>, with
    /// <paramref name="handedOver"/> (see the type's summary).</summary>
    public DirectMessageSent? SendDirectMessage(
        Member sender, string recipientNick, string text, long? clientSeq, string? clientTags, out Task<bool> handedOver) =>
        SendDirectMessage(sender, recipientNick, text, clientSeq, clientTags, track: true, out handedOver);

    /// <summary>A completion for the writer to set when the message is committed and handed over (or refused); null,
    /// so nothing is allocated, when the caller did not ask or history is off.</summary>
    private TaskCompletionSource<bool>? NewHandOver(bool track) =>
        track && _history is not null ? new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously) : null;
}
