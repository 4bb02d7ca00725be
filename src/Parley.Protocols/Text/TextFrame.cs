namespace Parley.Protocols.Text;

/// <summary>One message from a text client: its text (UTF-8 decoded, invalid bytes replaced), how it was
/// terminated, and whether it was cut because it exceeded the size limit (then <see cref="Text"/> is empty).</summary>
public readonly record struct TextFrame(string Text, TextFraming Framing, bool TooLong);
