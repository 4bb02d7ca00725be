using System.IO.Pipelines;

using Parley.Protocols.Json;

namespace Parley.Client.Connections;

/// <summary>
/// Server frames from a <see cref="PipeReader"/>, framed by <see cref="JsonServerFrameParser"/>: objects may
/// arrive split across reads or several in one, with or without newlines between them. One reader per stream,
/// never called concurrently.
/// </summary>
internal sealed class JsonFrameStream(PipeReader input, int maxFrameSize = JsonProtocol.DefaultMaxFrameSize)
{
    private readonly JsonServerFrameParser _parser = new(maxFrameSize);

    /// <summary>
    /// The next frame, or null at the end of the stream. A malformed frame is skipped (the parser resynchronises);
    /// an oversized one throws <see cref="InvalidDataException"/>, because where it ends cannot be known.
    /// </summary>
    public async ValueTask<ServerFrame?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var consumed = buffer.Start;
            var examined = buffer.Start;
            while (_parser.TryParse(buffer, ref consumed, ref examined, out var frame))
            {
                if (frame.FrameError == JsonFrameErrorKind.Oversize)
                {
                    input.AdvanceTo(consumed, examined);
                    throw new InvalidDataException($"the server sent a frame larger than {maxFrameSize} bytes");
                }

                if (frame.FrameError == JsonFrameErrorKind.None)
                {
                    input.AdvanceTo(consumed, examined);
                    return frame;
                }

                // Malformed: keep what follows it and look again.
                buffer = buffer.Slice(consumed);
            }

            input.AdvanceTo(consumed, examined);
            if (result.IsCompleted || result.IsCanceled)
            {
                return null;
            }
        }
    }
}
