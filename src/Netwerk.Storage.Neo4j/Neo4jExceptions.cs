namespace Netwerk.Storage.Neo4j;

/// <summary>Neo4j answered with an error (<see cref="Code"/> is Neo4j's status code, e.g. <c>Neo.ClientError.Statement.SyntaxError</c>).</summary>
public class Neo4jQueryException(string code, string message)
    : Exception($"Neo4j refused the request: {code}: {message}")
{
    public string Code { get; } = code;

    public string ServerMessage { get; } = message;

    /// <summary>Whether retrying the same request may succeed (Neo4j's TransientError class).</summary>
    public bool IsTransient => Code.StartsWith("Neo.TransientError.", StringComparison.Ordinal);
}

/// <summary>The user name or password is wrong, or missing (HTTP 401).</summary>
public sealed class Neo4jAuthenticationException(string code, string message) : Neo4jQueryException(code, message);

/// <summary>A statement is not valid Cypher (<c>Neo.ClientError.Statement.SyntaxError</c>): a bug in the adapter, never user input.</summary>
public sealed class Neo4jSyntaxException(string code, string message) : Neo4jQueryException(code, message);

/// <summary>A write broke a constraint of schema.cypher (<c>Neo.ClientError.Schema.ConstraintValidationFailed</c>), e.g. a duplicate id.</summary>
public sealed class Neo4jConstraintViolationException(string code, string message) : Neo4jQueryException(code, message);

/// <summary>An explicit transaction is gone: it expired (idle timeout), was rolled back after an error, or lives on another cluster member.</summary>
public sealed class Neo4jTransactionNotFoundException(string code, string message) : Neo4jQueryException(code, message);

/// <summary>No Neo4j answered at the configured address (connection refused, DNS, timeout) after every retry.</summary>
public sealed class Neo4jUnavailableException(Uri address, Exception inner)
    : Exception($"Neo4j at {address} cannot be reached: {inner.Message}", inner)
{
    public Uri Address { get; } = address;
}
