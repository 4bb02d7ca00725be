using Parley.Core.Events;
using Parley.Core.Hub;
using Parley.Server.Connections;

namespace Parley.Benchmarks;

/// <summary>A member sink straight over a <see cref="ConnectionOutput"/>, as a session's is (without the session).</summary>
internal sealed class OutputSink(ConnectionOutput output, IEventEncoder encoder) : IMemberSink
{
    public bool TryDeliver(ChatEvent chatEvent) => output.TrySend(chatEvent.GetEncoded(encoder)) is SendResult.Sent or SendResult.Queued;

    public bool TryDeliverMany(ReadOnlySpan<ChatEvent> chatEvents) => output.TrySendMany(chatEvents, encoder) is SendResult.Sent or SendResult.Queued;

    public void Complete() => output.Complete();
}
