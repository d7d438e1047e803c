using Netwerk.Core.Schema;

namespace Netwerk.Web.Problems;

/// <summary>A request the API refuses before it reaches the store (bad header, bad query value, unreadable body).</summary>
public sealed class RequestProblemException(int status, string code, IReadOnlyList<ValidationError>? errors = null, string? detail = null)
    : Exception(detail ?? code)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public IReadOnlyList<ValidationError> Errors { get; } = errors ?? [];
    public string? Detail { get; } = detail;

    public static RequestProblemException Invalid(params ValidationError[] errors) => new(StatusCodes.Status400BadRequest, "invalid-request", errors);
}
