namespace Parley.Server.Weather;

/// <summary>The service answered, but not with something we can use (non-2xx, malformed JSON, unknown units).</summary>
internal sealed class OpenMeteoResponseException(string message, Exception? innerException = null)
    : Exception(message, innerException);
