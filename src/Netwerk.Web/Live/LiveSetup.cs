namespace Netwerk.Web.Live;

public static class LiveSetup
{
    public static IServiceCollection AddLive(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSignalR().AddJsonProtocol(json =>
            json.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddOptions<LiveOptions>().Bind(configuration.GetSection("Live"));
        services.AddSingleton<LiveAudience>();
        services.AddHostedService<ChangeBroadcaster>();
        return services;
    }

    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder app)
    {
        app.MapHub<NetwerkHub>(NetwerkHub.Path).RequireAuthorization(Access.RolePolicies.Viewer);
        return app;
    }
}
