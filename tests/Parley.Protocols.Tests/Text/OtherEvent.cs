using Parley.Core.Events;

namespace Parley.Protocols.Tests.Text;

/// <summary>An event kind the text dialects do not know.</summary>
public sealed class OtherEvent(DateTimeOffset time) : ChatEvent(time);
