using System.Text.Json.Serialization;
using Netwerk.Core.Graph;
using Scalar.AspNetCore;

namespace Netwerk.Web.Http;

/// <summary>JSON conventions, request limits, OpenAPI document and the browsable API reference.</summary>
public static class HttpSetup
{
    /// <summary>Largest body for ordinary writes; the import endpoint raises its own limit.</summary>
    public const long DefaultMaxBodyBytes = 1024 * 1024;

    public static WebApplicationBuilder AddNetwerkHttp(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = DefaultMaxBodyBytes);
        // The host's request logging ("Request starting GET …/rsvp/<token>") and the RequestPath scope it puts on every
        // log line of a request carry answer-link tokens in the path: off, whatever the configuration says. Requests are
        // in the traces (OpenTelemetry, tokens replaced) instead.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            var options = json.SerializerOptions;
            options.DefaultIgnoreCondition = GraphJson.Options.DefaultIgnoreCondition;
            options.Encoder = GraphJson.Options.Encoder;
            options.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            // Polymorphic bodies (invite-list rules) may put their "type" anywhere in the object.
            options.AllowOutOfOrderMetadataProperties = true;
        });
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>Serves the built front end (web/ → wwwroot) at <c>/</c>, or the API reference while there is none.</summary>
    public static WebApplication UseNetwerkHttp(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapOpenApi().AllowAnonymous();
        // The browsable reference runs inline script, which the content security policy forbids elsewhere: Development only.
        if (!app.Environment.IsDevelopment()) return app;
        app.MapScalarApiReference(options => options.WithTitle("Netwerk API")).AllowAnonymous();
        if (!app.Environment.WebRootFileProvider.GetFileInfo("index.html").Exists)
        {
            app.MapGet("/", () => TypedResults.Redirect("/scalar/v1")).ExcludeFromDescription().AllowAnonymous();
        }
        return app;
    }
}
