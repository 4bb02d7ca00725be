using Parley.Core.Events;

namespace Parley.Core.Tests.Events;

/// <summary>Wire formats for tests, registered once per process: the registry holds at most
/// <see cref="WireFormat.MaxFormats"/>.</summary>
public static class TestFormats
{
    public static readonly WireFormat First = WireFormat.Register("test-first");
    public static readonly WireFormat Second = WireFormat.Register("test-second");
    public static readonly WireFormat Third = WireFormat.Register("test-third");
}
