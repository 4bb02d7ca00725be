namespace Parley.Client.Connections;

/// <summary>The server announced it is stopping; the event stream ends right after this one.</summary>
public sealed record ServerShuttingDown(string? Text = null) : ClientEvent
{
    /// <summary>What every client shows for this event, whatever the server's own words.</summary>
    public const string Sentence = "Server is shutting down.";

    /// <summary>
    /// The server's text when it says more than <see cref="Sentence"/>; null when it is that sentence (Parley sends
    /// exactly it), so the user is not told twice.
    /// </summary>
    public string? Detail => string.IsNullOrWhiteSpace(Text)
        || Text.AsSpan().Trim().TrimEnd('.').Equals(Sentence.AsSpan().TrimEnd('.'), StringComparison.OrdinalIgnoreCase)
            ? null
            : Text;
}
