namespace Parley.Protocols.Json;

/// <summary>Why a JSON frame could not be used. What the caller does differs per kind, so keep them apart.</summary>
public enum JsonFrameErrorKind
{
    /// <summary>The frame is good.</summary>
    None = 0,

    /// <summary>Not JSON, or not a JSON object. The reader has resynchronised; the connection carries on.</summary>
    Malformed = 1,

    /// <summary>The frame is larger than the reader's limit. The caller MUST close the connection: the
    /// reader cannot tell where the oversized frame ends.</summary>
    Oversize = 2,

    /// <summary>A well-formed object that is not a request: unknown type, missing or mistyped field.</summary>
    Invalid = 3,
}
