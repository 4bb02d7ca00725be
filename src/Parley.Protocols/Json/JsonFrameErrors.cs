namespace Parley.Protocols.Json;

/// <summary>The texts of framing errors, shared by the server's and the client's readers.</summary>
internal static class JsonFrameErrors
{
    public const string Malformed = "Malformed JSON: each frame must be one JSON object; skipped to the next line or '{'.";

    public static string Oversize(int maxFrameSize) => $"Frame larger than {maxFrameSize} bytes.";
}
