using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Netwerk.Storage.Neo4j.Tests;

/// <summary>
/// A real HTTP server on loopback (HttpListener) that answers each request with the next recorded Query API response
/// queued for its method and path (files in Recorded/, or an answer of their shape given inline), and keeps what it
/// was sent. A fake of Neo4j, named as such: no Neo4j server can run here.
/// </summary>
public sealed class RecordedNeo4jServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _answers = new();
    private readonly Task _loop;

    public RecordedNeo4jServer()
    {
        var port = FreePort();
        Address = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Address.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Address { get; }

    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    /// <summary>Answers the next <paramref name="method"/> request to <paramref name="path"/> with Recorded/<paramref name="recording"/>.json.</summary>
    public RecordedNeo4jServer Answer(string method, string path, string recording) =>
        AnswerWith(method, path, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Recorded", recording + ".json")));

    /// <summary>Answers the next <paramref name="method"/> request to <paramref name="path"/> with <paramref name="answer"/>: {status, headers, body}.</summary>
    public RecordedNeo4jServer AnswerWith(string method, string path, string answer)
    {
        _answers.GetOrAdd($"{method} {path}", _ => new()).Enqueue(answer);
        return this;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var key = $"{context.Request.HttpMethod} {context.Request.Url!.AbsolutePath}";
            Received.Enqueue(new ReceivedRequest(key, context.Request.Headers["Authorization"], context.Request.Headers["neo4j-cluster-affinity"], body));
            if (!_answers.TryGetValue(key, out var queue) || !queue.TryDequeue(out var answer))
            {
                context.Response.StatusCode = 404;
                context.Response.Close();
                continue;
            }
            using var recorded = JsonDocument.Parse(answer);
            var root = recorded.RootElement;
            context.Response.StatusCode = root.GetProperty("status").GetInt32();
            context.Response.ContentType = "application/json";
            foreach (var header in root.GetProperty("headers").EnumerateObject()) context.Response.Headers[header.Name] = header.Value.GetString();
            var bytes = Encoding.UTF8.GetBytes(root.GetProperty("body").GetRawText());
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}

public sealed record ReceivedRequest(string Route, string? Authorization, string? Affinity, string Body);
