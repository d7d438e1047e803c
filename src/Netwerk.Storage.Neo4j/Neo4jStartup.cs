namespace Netwerk.Storage.Neo4j;

/// <summary>Neo4j cannot be used as configured; the message names the setting or server option to fix.</summary>
public sealed class Neo4jStartupException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// Getting the Neo4j store ready at start: applies cypher/schema.cypher and turns what goes wrong on a first
/// connection (nothing listening, wrong credentials, Query API switched off, no such database) into one
/// <see cref="Neo4jStartupException"/> that says which setting to fix, so the host stops with that sentence.
/// </summary>
public static class Neo4jStartup
{
    public static async Task InitializeAsync(Neo4jGraphStore store, Neo4jOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        var where = $"Neo4j at {options.Uri} (Storage:Neo4j:Uri), database '{options.Database}' (Storage:Neo4j:Database)";
        try
        {
            await store.InitializeAsync(cancellationToken);
        }
        catch (Neo4jUnavailableException e)
        {
            throw new Neo4jStartupException($"{where} cannot be reached ({e.InnerException?.Message ?? e.Message}): "
                + "check the address and that the server runs.", e);
        }
        catch (Neo4jAuthenticationException e)
        {
            throw new Neo4jStartupException($"{where} refused the credentials: check Storage:Neo4j:Username and "
                + $"Storage:Neo4j:Password ({e.Code}).", e);
        }
        catch (Neo4jQueryException e) when (e.Code == "Http.404")
        {
            throw new Neo4jStartupException($"{where} has no Query API: enable it with server.http_enabled_modules="
                + "TRANSACTIONAL_ENDPOINTS,UNMANAGED_EXTENSIONS,BROWSER,QUERY_API_ENDPOINTS (Neo4j 5.26 or later).", e);
        }
        catch (Neo4jQueryException e) when (e.Code == "Neo.ClientError.Database.DatabaseNotFound")
        {
            throw new Neo4jStartupException($"{where}: the database does not exist ({e.ServerMessage}).", e);
        }
    }
}
