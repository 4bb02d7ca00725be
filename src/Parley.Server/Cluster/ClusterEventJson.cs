using System.Text.Json.Serialization;

using Parley.Core.Cluster;

namespace Parley.Server.Cluster;

/// <summary>The JSON a <see cref="ClusterEvent"/> travels as between nodes (compiled, no reflection).</summary>
[JsonSerializable(typeof(ClusterEvent))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
internal sealed partial class ClusterEventJson : JsonSerializerContext;
