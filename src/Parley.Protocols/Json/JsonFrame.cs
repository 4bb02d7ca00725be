namespace Parley.Protocols.Json;

/// <summary>One frame read from a JSON-lines client: a request, or an error the session reports back.</summary>
public readonly struct JsonFrame
{
    private JsonFrame(ClientRequest? request, JsonFrameErrorKind errorKind, string? errorMessage)
    {
        Request = request;
        ErrorKind = errorKind;
        ErrorMessage = errorMessage;
    }

    /// <summary>The request; null when <see cref="IsError"/>.</summary>
    public ClientRequest? Request { get; }

    public JsonFrameErrorKind ErrorKind { get; }

    /// <summary>A plain-English reason, fit to send back to the client.</summary>
    public string? ErrorMessage { get; }

    public bool IsError => ErrorKind != JsonFrameErrorKind.None;

    public static JsonFrame FromRequest(ClientRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new JsonFrame(request, JsonFrameErrorKind.None, null);
    }

    public static JsonFrame FromError(JsonFrameErrorKind kind, string message) => new(null, kind, message);

    public override string ToString() => IsError ? $"{ErrorKind}: {ErrorMessage}" : Request!.ToString();
}
