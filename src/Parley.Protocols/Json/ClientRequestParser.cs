using System.Buffers;
using System.Text.Json;

using Parley.Core.Text;

namespace Parley.Protocols.Json;

/// <summary>
/// Turns one complete, syntactically valid JSON object into a <see cref="ClientRequest"/>. Keys may come in
/// any order, unknown keys are skipped whatever their value, a repeated key keeps its last value.
/// </summary>
internal static class ClientRequestParser
{
    public static JsonFrame Parse(in ReadOnlySequence<byte> frame)
    {
        var reader = new Utf8JsonReader(frame, isFinalBlock: true, state: default);
        reader.Read();
        var fields = new ClientRequestFields();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = ClientRequestFields.Match(ref reader);
            reader.Read();
            if (!fields.Read(field, ref reader))
            {
                return Invalid($"\"{ClientRequestFields.Name(field)}\" has the wrong type or is not valid text.");
            }
        }

        return Build(fields);
    }

    private static JsonFrame Build(ClientRequestFields f)
    {
        if (f.TypeText is not null)
        {
            return Invalid($"Unknown type \"{Excerpt.Of(f.TypeText)}\".");
        }

        if (f.OperationText is not null)
        {
            return Invalid($"Unknown operation \"{Excerpt.Of(f.OperationText)}\".");
        }

        ClientRequestKind kind;
        if (f.Type is { } type)
        {
            kind = type;
        }
        else if (f.Operation is { } operation)
        {
            kind = operation;
        }
        else if (f.Message is not null)
        {
            kind = ClientRequestKind.Message;
        }
        else
        {
            return Invalid("A frame needs a \"message\", a \"type\" or an \"operation\".");
        }

        // The seed's message format with a "to" is a private message, whichever way it was spelled.
        if (kind == ClientRequestKind.Message && f.To is not null)
        {
            kind = ClientRequestKind.DirectMessage;
        }

        var missing = kind switch
        {
            ClientRequestKind.Message when f.Message is null => "message",
            ClientRequestKind.DirectMessage when f.To is null => "to",
            ClientRequestKind.DirectMessage when f.Message is null => "message",
            ClientRequestKind.Hello when f.User is null => "user",
            ClientRequestKind.Subscribe or ClientRequestKind.Unsubscribe when f.Client is null => "client",
            ClientRequestKind.Join when f.Room is null => "room",
            ClientRequestKind.Search when f.Query is null => "query",
            ClientRequestKind.Register or ClientRequestKind.Login or ClientRequestKind.Passwd when f.Password is null => "password",
            ClientRequestKind.Passwd when f.New is null => "new",
            ClientRequestKind.Kick when f.Nick is null => "nick",
            ClientRequestKind.Mode when f.Modes is null => "modes",
            _ => null,
        };
        if (missing is not null)
        {
            return Invalid($"\"{missing}\" is required for this frame.");
        }

        return JsonFrame.FromRequest(new ClientRequest
        {
            Kind = kind,
            Seq = f.Seq,
            User = f.User,
            Message = f.Message,
            Room = f.Room,
            To = f.To,
            Place = f.Place,
            Client = f.Client,
            Version = f.Version,
            Before = f.Before,
            After = f.After,
            Limit = f.Limit,
            With = f.With,
            Query = f.Query,
            Password = f.Password,
            NewPassword = f.New,
            Topic = f.Topic,
            Nick = f.Nick,
            Reason = f.Reason,
            Modes = f.Modes,
            Key = f.Key,
        });
    }

    private static JsonFrame Invalid(string message) => JsonFrame.FromError(JsonFrameErrorKind.Invalid, message);
}
