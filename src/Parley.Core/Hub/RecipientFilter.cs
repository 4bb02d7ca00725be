using Parley.Core.Events;

namespace Parley.Core.Hub;

/// <summary>Chooses, per recipient, which event (if any) a queued delivery gives it. Called by a room's dispatcher,
/// possibly by several rooms' dispatchers at once, so implementations are thread-safe.</summary>
internal abstract class RecipientFilter
{
    public abstract ChatEvent? For(Member member);
}
