namespace Parley.Client.Connections;

public sealed record MemberJoined(string Nick) : ClientEvent;
