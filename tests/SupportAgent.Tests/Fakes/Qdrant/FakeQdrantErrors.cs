using Grpc.Core;

namespace SupportAgent.Tests.Fakes.Qdrant;

/// <summary>Qdrant's gRPC errors: its StorageError kinds mapped to status codes, with the same message prefixes.</summary>
internal static class FakeQdrantErrors
{
    public static RpcException NotFound(string description) => new(new Status(StatusCode.NotFound, $"Not found: {description}"));

    public static RpcException AlreadyExists(string description) => new(new Status(StatusCode.AlreadyExists, $"Wrong input: {description}"));

    public static RpcException BadInput(string description) => new(new Status(StatusCode.InvalidArgument, $"Wrong input: {description}"));

    /// <summary>A request that fails Qdrant's request validation (before any storage is touched).</summary>
    public static RpcException Validation(string description) => new(new Status(StatusCode.InvalidArgument, $"Validation error in body: [{description}]"));

    /// <summary>Something Qdrant supports but this fake does not: loud, so a test never silently passes on it.</summary>
    public static RpcException NotInFake(string what) => new(new Status(StatusCode.Unimplemented, $"The fake Qdrant does not implement {what}"));
}
