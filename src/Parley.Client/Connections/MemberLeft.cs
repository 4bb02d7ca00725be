namespace Parley.Client.Connections;

public sealed record MemberLeft(string Nick) : ClientEvent;
