using Netwerk.Core.Storage;
using Netwerk.Web.ScaleOut;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Netwerk.Web.Telemetry;

/// <summary>
/// OpenTelemetry traces and metrics: ASP.NET Core requests, outgoing HttpClient calls, store calls, background jobs,
/// mails sent/failed/retried, SignalR connections and the .NET runtime; exported over OTLP when
/// <c>OpenTelemetry:OtlpEndpoint</c> (or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) is set, and not collected at
/// all otherwise. The OTLP exporter also honours the other standard variables (<c>OTEL_EXPORTER_OTLP_PROTOCOL</c>,
/// <c>OTEL_EXPORTER_OTLP_HEADERS</c>, <c>OTEL_SERVICE_NAME</c>, …).
/// </summary>
public static class TelemetrySetup
{
    public const string Section = "OpenTelemetry";
    public const string ServiceName = "netwerk";

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<NetwerkTelemetry>();
        services.AddSingleton<JobTelemetryFilter>();
        var endpoint = builder.Configuration[$"{Section}:OtlpEndpoint"] ?? builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint)) return builder;
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var otlp) || otlp.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"{Section}:OtlpEndpoint (or OTEL_EXPORTER_OTLP_ENDPOINT) must be an absolute http(s) URL such as http://otel-collector:4317; '{endpoint}' is not.");
        }
        var protocol = builder.Configuration[$"{Section}:Protocol"] is { } p && p.Equals("http/protobuf", StringComparison.OrdinalIgnoreCase)
            ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing => tracing
                .AddSource(NetwerkTelemetry.SourceName)
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.Filter = context => !context.Request.Path.StartsWithSegments("/health");
                    // Answer-link tokens are in the path: spans carry the path with the token replaced.
                    o.EnrichWithHttpRequest = (activity, request) =>
                    {
                        if (request.Path.Value is { } path && path.Contains("/rsvp/", StringComparison.Ordinal))
                        {
                            activity.SetTag("url.path", LogRedaction.RedactPath(path));
                            activity.DisplayName = $"{request.Method} {LogRedaction.RedactPath(path)}";
                        }
                    };
                })
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(o => (o.Endpoint, o.Protocol) = (otlp, protocol)))
            .WithMetrics(metrics => metrics
                .AddMeter(NetwerkTelemetry.MeterName, "Microsoft.AspNetCore.Http.Connections")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddOtlpExporter(o => (o.Endpoint, o.Protocol) = (otlp, protocol)));
        return builder;
    }

    /// <summary>Wraps the registered <see cref="IGraphStore"/> so every call is a span (cheap when nobody listens).</summary>
    public static IServiceCollection TraceGraphStore(this IServiceCollection services)
    {
        var registration = services.Last(d => d.ServiceType == typeof(IGraphStore));
        services.Remove(registration);
        services.AddSingleton<IGraphStore>(sp =>
        {
            var inner = registration.ImplementationFactory is { } factory ? (IGraphStore)factory(sp)
                : registration.ImplementationInstance as IGraphStore ?? (IGraphStore)ActivatorUtilities.CreateInstance(sp, registration.ImplementationType!);
            return new TracedGraphStore(inner, "sqlite");
        });
        return services;
    }
}
