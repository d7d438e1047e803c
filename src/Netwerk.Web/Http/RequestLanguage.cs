namespace Netwerk.Web.Http;

/// <summary>The UI language of a request: Dutch unless the client prefers English.</summary>
public static class RequestLanguage
{
    public static string Of(HttpContext context)
    {
        var preferred = context.Request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value ?? "")
            .FirstOrDefault(l => l.StartsWith("nl", StringComparison.OrdinalIgnoreCase) || l.StartsWith("en", StringComparison.OrdinalIgnoreCase));
        return preferred is not null && preferred.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "nl";
    }
}
