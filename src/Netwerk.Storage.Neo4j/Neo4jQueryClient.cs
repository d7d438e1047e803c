using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Netwerk.Storage.Neo4j;

/// <summary>
/// A client of Neo4j 5's HTTP Query API: <c>POST /db/{database}/query/v2</c> (one statement in an implicit transaction)
/// and the explicit transactions under <c>/db/{database}/query/v2/tx</c>. Plain JSON in and out, basic auth, a timeout
/// per attempt, and retries (Microsoft.Extensions.Http.Resilience) for failed connections, 5xx answers and
/// <c>Neo.TransientError.*</c> — only for requests that open a transaction, never for one inside an open transaction
/// (the server has rolled that back; retrying the whole transaction is the caller's decision).
/// Errors become <see cref="Neo4jQueryException"/> subclasses; an unreachable server <see cref="Neo4jUnavailableException"/>.
/// </summary>
public sealed class Neo4jQueryClient : IDisposable
{
    internal const string AffinityHeader = "neo4j-cluster-affinity";

    private readonly HttpClient _http;
    private readonly Uri _address;
    private readonly string _queryPath;

    /// <summary>A client for <paramref name="options"/>; <paramref name="transport"/> replaces the socket handler (tests).</summary>
    public Neo4jQueryClient(Neo4jOptions options, HttpMessageHandler? transport = null)
    {
        _address = options.Uri ?? throw new ArgumentException("Storage:Neo4j:Uri is not set.", nameof(options));
        _queryPath = $"db/{Uri.EscapeDataString(options.Database)}/query/v2";
        var handler = new ResilienceHandler(Pipeline(options)) { InnerHandler = transport ?? new SocketsHttpHandler() };
        _http = new HttpClient(handler)
        {
            BaseAddress = new Uri(_address.ToString().TrimEnd('/') + "/"),
            // The per-attempt timeout and the retries bound each call; HttpClient's own timeout would cut across them.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (options.Username is not null)
        {
            var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}"));
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        }
    }

    /// <summary>Runs one statement in its own (implicit) transaction: it commits whole or not at all.</summary>
    public async Task<QueryResult> RunAsync(string statement, object? parameters = null, CancellationToken cancellationToken = default)
    {
        var (result, _, _) = await SendAsync(HttpMethod.Post, _queryPath, Body(statement, parameters), null, cancellationToken);
        return result;
    }

    /// <summary>Opens an explicit transaction, optionally running a first statement in it.</summary>
    public async Task<Neo4jTransaction> BeginTransactionAsync(string? statement = null, object? parameters = null, CancellationToken cancellationToken = default)
    {
        var body = statement is null ? new JsonObject() : Body(statement, parameters);
        var (result, document, affinity) = await SendAsync(HttpMethod.Post, _queryPath + "/tx", body, null, cancellationToken);
        var id = document.TryGetProperty("transaction", out var tx) && tx.TryGetProperty("id", out var txId) ? txId.GetString() : null;
        if (string.IsNullOrEmpty(id)) throw new Neo4jQueryException("Netwerk.Neo4j.NoTransaction", "The server opened no transaction.");
        return new Neo4jTransaction(this, $"{_queryPath}/tx/{Uri.EscapeDataString(id)}", affinity, result);
    }

    internal async Task<(QueryResult Result, JsonElement Document, string? Affinity)> SendAsync(
        HttpMethod method, string path, JsonObject? body, string? affinity, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        if (affinity is not null) request.Headers.TryAddWithoutValidation(AffinityHeader, affinity);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException
                                          || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new Neo4jUnavailableException(_address, exception);
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var document = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
            ThrowOnError(response.StatusCode, document);
            var returnedAffinity = response.Headers.TryGetValues(AffinityHeader, out var values) ? values.FirstOrDefault() : null;
            return (QueryResult.From(document), document, returnedAffinity ?? affinity);
        }
    }

    internal static JsonObject Body(string statement, object? parameters) => new()
    {
        ["statement"] = statement,
        ["parameters"] = parameters is null ? new JsonObject() : JsonSerializer.SerializeToNode(parameters, parameters.GetType(), Json),
    };

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Neo4j answers 202 even when a statement failed; the errors array is what counts, and 401 for credentials.</summary>
    private static void ThrowOnError(HttpStatusCode status, JsonElement document)
    {
        var (code, message) = FirstError(document);
        if (status == HttpStatusCode.Unauthorized)
        {
            throw new Neo4jAuthenticationException(code ?? "Neo.ClientError.Security.Unauthorized", message ?? "Unauthorized.");
        }
        if (code is null)
        {
            if ((int)status >= 400) throw new Neo4jQueryException($"Http.{(int)status}", status.ToString());
            return;
        }
        throw code switch
        {
            "Neo.ClientError.Security.Unauthorized" => new Neo4jAuthenticationException(code, message!),
            "Neo.ClientError.Statement.SyntaxError" => new Neo4jSyntaxException(code, message!),
            "Neo.ClientError.Schema.ConstraintValidationFailed" => new Neo4jConstraintViolationException(code, message!),
            "Neo.ClientError.Transaction.TransactionNotFound" => new Neo4jTransactionNotFoundException(code, message!),
            "Neo.ClientError.Request.Invalid" when message!.Contains("was not found", StringComparison.Ordinal)
                => new Neo4jTransactionNotFoundException(code, message),
            _ => new Neo4jQueryException(code, message!),
        };
    }

    internal static (string? Code, string? Message) FirstError(JsonElement document)
    {
        if (document.ValueKind != JsonValueKind.Object || !document.TryGetProperty("errors", out var errors)
            || errors.ValueKind != JsonValueKind.Array || errors.GetArrayLength() == 0)
        {
            return (null, null);
        }
        var first = errors[0];
        return (first.TryGetProperty("code", out var c) ? c.GetString() : "Neo.Unknown",
                first.TryGetProperty("message", out var m) ? m.GetString() : "");
    }

    private static ResiliencePipeline<HttpResponseMessage> Pipeline(Neo4jOptions options) =>
        new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(options.MaxRetryAttempts, 1),
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = ShouldRetryAsync,
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();

    /// <summary>Retry only requests that start a transaction of their own: a failure there left nothing behind.</summary>
    private static async ValueTask<bool> ShouldRetryAsync(RetryPredicateArguments<HttpResponseMessage> args)
    {
        var path = args.Context.GetRequestMessage()?.RequestUri?.AbsolutePath ?? "";
        if (!path.EndsWith("/query/v2", StringComparison.Ordinal) && !path.EndsWith("/query/v2/tx", StringComparison.Ordinal)) return false;
        if (args.Outcome.Exception is HttpRequestException or TimeoutRejectedException) return true;
        if (args.Outcome.Result is not { } response) return false;
        if ((int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout) return true;
        await response.Content.LoadIntoBufferAsync(args.Context.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(args.Context.CancellationToken);
        if (!text.Contains("Neo.TransientError.", StringComparison.Ordinal)) return false;
        using var document = JsonDocument.Parse(text);
        return FirstError(document.RootElement).Code?.StartsWith("Neo.TransientError.", StringComparison.Ordinal) == true;
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>An open explicit transaction; every request replays the cluster-affinity header the server sent first.</summary>
public sealed class Neo4jTransaction : IAsyncDisposable
{
    private readonly Neo4jQueryClient _client;
    private readonly string _path;
    private readonly string? _affinity;
    private bool _closed;

    internal Neo4jTransaction(Neo4jQueryClient client, string path, string? affinity, QueryResult first)
    {
        _client = client;
        _path = path;
        _affinity = affinity;
        FirstResult = first;
    }

    /// <summary>The result of the statement sent with the request that opened the transaction (empty without one).</summary>
    public QueryResult FirstResult { get; }

    public async Task<QueryResult> RunAsync(string statement, object? parameters = null, CancellationToken cancellationToken = default)
    {
        try
        {
            var body = Neo4jQueryClient.Body(statement, parameters);
            return (await _client.SendAsync(HttpMethod.Post, _path, body, _affinity, cancellationToken)).Result;
        }
        catch (Neo4jQueryException)
        {
            _closed = true; // the server rolls a transaction back after an error
            throw;
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        _closed = true;
        await _client.SendAsync(HttpMethod.Post, _path + "/commit", new JsonObject(), _affinity, cancellationToken);
    }

    public async Task RollbackAsync(CancellationToken cancellationToken = default)
    {
        if (_closed) return;
        _closed = true;
        await _client.SendAsync(HttpMethod.Delete, _path, null, _affinity, cancellationToken);
    }

    /// <summary>Rolls back when neither committed nor rolled back (best effort: the server's idle timeout catches the rest).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await RollbackAsync();
        }
        catch (Exception exception) when (exception is Neo4jQueryException or Neo4jUnavailableException)
        {
            // Already gone on the server; nothing left to undo.
        }
    }
}

/// <summary>The rows of a statement (plain JSON): <see cref="Fields"/> names the columns of each row in <see cref="Rows"/>.</summary>
public sealed record QueryResult(IReadOnlyList<string> Fields, IReadOnlyList<IReadOnlyList<JsonElement>> Rows)
{
    public static QueryResult Empty { get; } = new([], []);

    /// <summary>The value of column <paramref name="field"/> in row <paramref name="row"/>.</summary>
    public JsonElement Value(int row, string field)
    {
        var index = Fields is List<string> list ? list.IndexOf(field) : Fields.ToList().IndexOf(field);
        if (index < 0) throw new KeyNotFoundException($"The result has no field '{field}'.");
        return Rows[row][index];
    }

    internal static QueryResult From(JsonElement document)
    {
        if (document.ValueKind != JsonValueKind.Object || !document.TryGetProperty("data", out var data)
            || data.ValueKind != JsonValueKind.Object)
        {
            return Empty;
        }
        var fields = data.TryGetProperty("fields", out var f) ? f.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
        var rows = data.TryGetProperty("values", out var v)
            ? v.EnumerateArray().Select(r => (IReadOnlyList<JsonElement>)r.EnumerateArray().Select(x => x.Clone()).ToList()).ToList()
            : [];
        return new QueryResult(fields, rows);
    }
}
