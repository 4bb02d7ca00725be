using System.Text.Json;

namespace Parley.Protocols.Json;

/// <summary>The values of the known keys of one client frame, gathered in whatever order they come.</summary>
internal sealed class ClientRequestFields
{
    public enum Field
    {
        Unknown,
        Type,
        Operation,
        Seq,
        User,
        Message,
        Room,
        To,
        Place,
        Client,
        Version,
        Before,
        After,
        Limit,
        With,
        Query,
        Password,
        New,
        Topic,
        Nick,
        Reason,
        Modes,
        Key,
    }

    public ClientRequestKind? Type { get; private set; }

    public ClientRequestKind? Operation { get; private set; }

    /// <summary>The text of an unrecognised "type", kept only to say so.</summary>
    public string? TypeText { get; private set; }

    public string? OperationText { get; private set; }

    public long? Seq { get; private set; }

    public string? User { get; private set; }

    public string? Message { get; private set; }

    public string? Room { get; private set; }

    public string? To { get; private set; }

    public string? Place { get; private set; }

    public string? Client { get; private set; }

    public long? Version { get; private set; }

    public long? Before { get; private set; }

    public long? After { get; private set; }

    public long? Limit { get; private set; }

    public string? With { get; private set; }

    public string? Query { get; private set; }

    public string? Password { get; private set; }

    public string? New { get; private set; }

    public string? Topic { get; private set; }

    public string? Nick { get; private set; }

    public string? Reason { get; private set; }

    public string? Modes { get; private set; }
    public string? Key { get; private set; }

    public static Field Match(ref Utf8JsonReader reader)
    {
        // ValueTextEquals compares unescaped text, so "\u0075ser" is "user" too.
        if (reader.ValueTextEquals("message"u8)) { return Field.Message; }
        if (reader.ValueTextEquals("user"u8)) { return Field.User; }
        if (reader.ValueTextEquals("seq"u8)) { return Field.Seq; }
        if (reader.ValueTextEquals("type"u8)) { return Field.Type; }
        if (reader.ValueTextEquals("room"u8)) { return Field.Room; }
        if (reader.ValueTextEquals("to"u8)) { return Field.To; }
        if (reader.ValueTextEquals("operation"u8)) { return Field.Operation; }
        if (reader.ValueTextEquals("client"u8)) { return Field.Client; }
        if (reader.ValueTextEquals("place"u8)) { return Field.Place; }
        if (reader.ValueTextEquals("version"u8)) { return Field.Version; }
        if (reader.ValueTextEquals("before"u8)) { return Field.Before; }
        if (reader.ValueTextEquals("after"u8)) { return Field.After; }
        if (reader.ValueTextEquals("limit"u8)) { return Field.Limit; }
        if (reader.ValueTextEquals("with"u8)) { return Field.With; }
        if (reader.ValueTextEquals("query"u8)) { return Field.Query; }
        if (reader.ValueTextEquals("password"u8)) { return Field.Password; }
        if (reader.ValueTextEquals("new"u8)) { return Field.New; }
        if (reader.ValueTextEquals("topic"u8)) { return Field.Topic; }
        if (reader.ValueTextEquals("nick"u8)) { return Field.Nick; }
        if (reader.ValueTextEquals("reason"u8)) { return Field.Reason; }
        if (reader.ValueTextEquals("modes"u8)) { return Field.Modes; }
        if (reader.ValueTextEquals("key"u8)) { return Field.Key; }
        return Field.Unknown;
    }

    public static string Name(Field field) => field.ToString().ToLowerInvariant();

    /// <summary>Reads the value under the reader for <paramref name="field"/>; false when it has the wrong JSON type.</summary>
    public bool Read(Field field, ref Utf8JsonReader reader)
    {
        var outcome = JsonValueReader.Outcome.Absent;
        string? text = null;
        long? number = null;
        switch (field)
        {
            case Field.Type:
                return ReadType(ref reader);
            case Field.Operation:
                return ReadOperation(ref reader);
            case Field.Seq or Field.Version or Field.Before or Field.After or Field.Limit:
                outcome = JsonValueReader.ReadInt64(ref reader, out number);
                break;
            case Field.Unknown:
                reader.Skip();
                return true;
            default:
                outcome = JsonValueReader.ReadString(ref reader, out text);
                break;
        }

        if (outcome == JsonValueReader.Outcome.WrongType)
        {
            return false;
        }

        switch (field)
        {
            case Field.Seq: Seq = number; break;
            case Field.Version: Version = number; break;
            case Field.Before: Before = number; break;
            case Field.After: After = number; break;
            case Field.Limit: Limit = number; break;
            case Field.With: With = text; break;
            case Field.Query: Query = text; break;
            case Field.Key: Key = text; break;
            case Field.User: User = text; break;
            case Field.Message: Message = text; break;
            case Field.Room: Room = text; break;
            case Field.To: To = text; break;
            case Field.Place: Place = text; break;
            case Field.Client: Client = text; break;
            case Field.Password: Password = text; break;
            case Field.New: New = text; break;
            case Field.Topic: Topic = text; break;
            case Field.Nick: Nick = text; break;
            case Field.Reason: Reason = text; break;
            case Field.Modes: Modes = text; break;
        }

        return true;
    }

    private bool ReadType(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return false;
        }

        Type = MatchType(ref reader);
        TypeText = Type is null ? UnknownText(ref reader) : null;
        return true;
    }

    private bool ReadOperation(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return false;
        }

        Operation = reader.ValueTextEquals("subscribe"u8) ? ClientRequestKind.Subscribe
            : reader.ValueTextEquals("unsubscribe"u8) ? ClientRequestKind.Unsubscribe
            : null;
        OperationText = Operation is null ? UnknownText(ref reader) : null;
        return true;
    }

    /// <summary>An unrecognised "type" or "operation" value, only to quote it back in the error.</summary>
    private static string UnknownText(ref Utf8JsonReader reader) =>
        JsonValueReader.ReadString(ref reader, out var text) == JsonValueReader.Outcome.Value ? text! : "?";

    private static ClientRequestKind? MatchType(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("message"u8)) { return ClientRequestKind.Message; }
        if (reader.ValueTextEquals("msg"u8)) { return ClientRequestKind.DirectMessage; }
        if (reader.ValueTextEquals("hello"u8)) { return ClientRequestKind.Hello; }
        if (reader.ValueTextEquals("join"u8)) { return ClientRequestKind.Join; }
        if (reader.ValueTextEquals("part"u8)) { return ClientRequestKind.Part; }
        if (reader.ValueTextEquals("who"u8)) { return ClientRequestKind.Who; }
        if (reader.ValueTextEquals("rooms"u8)) { return ClientRequestKind.Rooms; }
        if (reader.ValueTextEquals("weather"u8)) { return ClientRequestKind.Weather; }
        if (reader.ValueTextEquals("quit"u8)) { return ClientRequestKind.Quit; }
        if (reader.ValueTextEquals("ping"u8)) { return ClientRequestKind.Ping; }
        if (reader.ValueTextEquals("history"u8)) { return ClientRequestKind.History; }
        if (reader.ValueTextEquals("search"u8)) { return ClientRequestKind.Search; }
        if (reader.ValueTextEquals("register"u8)) { return ClientRequestKind.Register; }
        if (reader.ValueTextEquals("login"u8)) { return ClientRequestKind.Login; }
        if (reader.ValueTextEquals("logout"u8)) { return ClientRequestKind.Logout; }
        if (reader.ValueTextEquals("passwd"u8)) { return ClientRequestKind.Passwd; }
        if (reader.ValueTextEquals("topic"u8)) { return ClientRequestKind.Topic; }
        if (reader.ValueTextEquals("kick"u8)) { return ClientRequestKind.Kick; }
        if (reader.ValueTextEquals("mode"u8)) { return ClientRequestKind.Mode; }
        return null;
    }
}
