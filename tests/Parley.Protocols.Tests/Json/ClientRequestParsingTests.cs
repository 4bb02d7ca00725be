using Parley.Protocols.Json;

namespace Parley.Protocols.Tests.Json;

public class ClientRequestParsingTests
{
    public static TheoryData<string, string> Requests => new()
    {
        { """{"seq": 0, "user": "alice", "message": "hello"}""", "Message seq=0 user=alice message=hello" },
        { """{"message": "hello", "user": "alice", "seq": 7}""", "Message seq=7 user=alice message=hello" },
        { """{"message":"hi"}""", "Message message=hi" },
        { """{"type":"message","message":"hi","room":"#x"}""", "Message message=hi room=#x" },
        { """{"seq": 1, "user": "alice", "message": "psst", "to": "bob"}""", "DirectMessage seq=1 user=alice message=psst to=bob" },
        { """{"user":"alice","message":"hi","room":"#general"}""", "Message user=alice message=hi room=#general" },
        { """{"type": "hello", "user": "alice", "version": 1}""", "Hello user=alice version=1" },
        { """{"version": 1, "user": "alice", "type": "hello"}""", "Hello user=alice version=1" },
        { """{"operation": "subscribe", "client": "127.0.0.1:5000"}""", "Subscribe client=127.0.0.1:5000" },
        { """{"operation": "unsubscribe", "client": "127.0.0.1:5000", "user": "al"}""", "Unsubscribe user=al client=127.0.0.1:5000" },
        { """{"type": "join", "room": "#x"}""", "Join room=#x" },
        { """{"type": "part", "room": "#x"}""", "Part room=#x" },
        { """{"type": "part"}""", "Part" },
        { """{"type": "who", "room": "#x"}""", "Who room=#x" },
        { """{"type": "who"}""", "Who" },
        { """{"type": "rooms"}""", "Rooms" },
        { """{"type": "msg", "to": "bob", "message": "hi"}""", "DirectMessage message=hi to=bob" },
        { """{"type": "weather", "place": "Paris"}""", "Weather place=Paris" },
        { """{"type": "weather"}""", "Weather" },
        { """{"type": "quit"}""", "Quit" },
        { """{"type": "ping"}""", "Ping" },
        { """{"type": "ping", "extra": {"deep": [1, 2, {"x": "}"}]}, "n": 1.5, "b": true, "z": null}""", "Ping" },
        { """{"\u0074ype": "j\u006fin", "room": "#\u00e9t\u00e9"}""", "Join room=#été" },
        { """{"type": "join", "room": "#a", "room": "#b"}""", "Join room=#b" },
        { """{"type": "part", "room": null}""", "Part" },
        { """{"user": "a", "message": "x", "seq": null}""", "Message user=a message=x" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void Parses_each_request(string json, string expected)
    {
        var frame = Parse(json);
        Assert.False(frame.IsError, frame.ErrorMessage);
        Assert.Equal(expected, Describe(frame.Request!));
    }

    public static TheoryData<string, string> Invalid => new()
    {
        { "{}", "\"message\", a \"type\" or an \"operation\"" },
        { """{"user": "alice"}""", "\"message\", a \"type\" or an \"operation\"" },
        { """{"type": "dance"}""", "Unknown type \"dance\"" },
        { """{"operation": "dance", "client": "x"}""", "Unknown operation \"dance\"" },
        { """{"type": "hello"}""", "\"user\" is required" },
        { """{"type": "join"}""", "\"room\" is required" },
        { """{"type": "msg", "message": "hi"}""", "\"to\" is required" },
        { """{"type": "msg", "to": "bob"}""", "\"message\" is required" },
        { """{"type": "message"}""", "\"message\" is required" },
        { """{"operation": "subscribe"}""", "\"client\" is required" },
        { """{"user": "alice", "message": 5}""", "\"message\" has the wrong type" },
        { """{"user": ["alice"], "message": "hi"}""", "\"user\" has the wrong type" },
        { """{"seq": "0", "user": "a", "message": "hi"}""", "\"seq\" has the wrong type" },
        { """{"seq": 1.5, "user": "a", "message": "hi"}""", "\"seq\" has the wrong type" },
        { """{"type": 3}""", "\"type\" has the wrong type" },
        { """{"type": "hello", "user": "a", "version": "1"}""", "\"version\" has the wrong type" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Refuses_incomplete_or_mistyped_requests_with_a_plain_reason(string json, string reason)
    {
        var frame = Parse(json);
        Assert.Equal(JsonFrameErrorKind.Invalid, frame.ErrorKind);
        Assert.Null(frame.Request);
        Assert.Contains(reason, frame.ErrorMessage, StringComparison.Ordinal);
    }

    private static JsonFrame Parse(string json) =>
        Assert.Single(ReaderDriver.ReadAll(new JsonFrameReader(), JsonFrameReaderTests.Bytes(json)));

    private static string Describe(ClientRequest r)
    {
        var parts = new List<string> { r.Kind.ToString() };
        Add("seq", r.Seq?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("user", r.User);
        Add("message", r.Message);
        Add("room", r.Room);
        Add("to", r.To);
        Add("place", r.Place);
        Add("client", r.Client);
        Add("version", r.Version?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return string.Join(' ', parts);

        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parts.Add($"{name}={value}");
            }
        }
    }
}
