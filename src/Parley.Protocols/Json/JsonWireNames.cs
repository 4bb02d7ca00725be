using System.Text.Json;

using Parley.Core.Events;

namespace Parley.Protocols.Json;

/// <summary>
/// Keys and "type" values of the JSON-lines protocol, encoded once. They are persisted wire values
/// (JsonEventEncoderTests pins them): never rename one.
/// </summary>
internal static class JsonWireNames
{
    public static readonly JsonEncodedText Seq = JsonEncodedText.Encode("seq");
    public static readonly JsonEncodedText User = JsonEncodedText.Encode("user");
    public static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    public static readonly JsonEncodedText Room = JsonEncodedText.Encode("room");
    public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    public static readonly JsonEncodedText Time = JsonEncodedText.Encode("time");
    public static readonly JsonEncodedText To = JsonEncodedText.Encode("to");
    public static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
    public static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
    public static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
    public static readonly JsonEncodedText Code = JsonEncodedText.Encode("code");
    public static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");
    public static readonly JsonEncodedText Client = JsonEncodedText.Encode("client");
    public static readonly JsonEncodedText History = JsonEncodedText.Encode("history");
    public static readonly JsonEncodedText Messages = JsonEncodedText.Encode("messages");
    public static readonly JsonEncodedText More = JsonEncodedText.Encode("more");
    public static readonly JsonEncodedText Query = JsonEncodedText.Encode("query");
    public static readonly JsonEncodedText With = JsonEncodedText.Encode("with");
    public static readonly JsonEncodedText By = JsonEncodedText.Encode("by");
    public static readonly JsonEncodedText Notice = JsonEncodedText.Encode("notice");

    /// <summary>The "user" of every message-shaped frame the server itself sends to seed-style connections.</summary>
    public static readonly JsonEncodedText ServerUser = JsonEncodedText.Encode("server");

    public static readonly JsonEncodedText TypeMessage = JsonEncodedText.Encode("message");
    public static readonly JsonEncodedText TypeDirect = JsonEncodedText.Encode("direct");
    public static readonly JsonEncodedText TypeJoined = JsonEncodedText.Encode("joined");
    public static readonly JsonEncodedText TypeLeft = JsonEncodedText.Encode("left");
    public static readonly JsonEncodedText TypeNotice = JsonEncodedText.Encode("notice");
    public static readonly JsonEncodedText TypeError = JsonEncodedText.Encode("error");
    public static readonly JsonEncodedText TypeShutdown = JsonEncodedText.Encode("shutdown");
    public static readonly JsonEncodedText TypeRenamed = JsonEncodedText.Encode("renamed");
    public static readonly JsonEncodedText TypeTopic = JsonEncodedText.Encode("topic");
    public static readonly JsonEncodedText TypeMode = JsonEncodedText.Encode("mode");
    public static readonly JsonEncodedText TypeInvited = JsonEncodedText.Encode("invited");
    public static readonly JsonEncodedText TypeAway = JsonEncodedText.Encode("away");
    public static readonly JsonEncodedText TypeWelcome = JsonEncodedText.Encode("welcome");
    public static readonly JsonEncodedText TypePong = JsonEncodedText.Encode("pong");
    public static readonly JsonEncodedText TypeSubscribed = JsonEncodedText.Encode("subscribed");
    public static readonly JsonEncodedText TypeUnsubscribed = JsonEncodedText.Encode("unsubscribed");
    public static readonly JsonEncodedText TypeHistory = JsonEncodedText.Encode("history");
    public static readonly JsonEncodedText TypeSearch = JsonEncodedText.Encode("search");

    // Indexed by the enum's value; NoticeKind is dense from 0, and anything else falls back to encoding on the spot.
    private static readonly JsonEncodedText[] NoticeKinds = Enum.GetValues<NoticeKind>()
        .OrderBy(static k => (int)k)
        .Select(static k => JsonEncodedText.Encode(k.ToString().ToLowerInvariant()))
        .ToArray();

    /// <summary>The lower-case name of <paramref name="kind"/> ("weather"), as NoticeKind promises.</summary>
    public static JsonEncodedText NoticeKindName(NoticeKind kind)
    {
        var index = (int)kind;
        return (uint)index < (uint)NoticeKinds.Length
            ? NoticeKinds[index]
            : JsonEncodedText.Encode(kind.ToString().ToLowerInvariant());
    }
}
