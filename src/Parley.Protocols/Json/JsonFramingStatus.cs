namespace Parley.Protocols.Json;

/// <summary>What <see cref="JsonObjectFramer"/> found at the start of the buffered input.</summary>
internal enum JsonFramingStatus
{
    NeedMoreData,
    Frame,
    Malformed,
    Oversize,
}
