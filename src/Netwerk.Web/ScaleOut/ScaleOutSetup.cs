using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Netwerk.Web.ScaleOut;

/// <summary>This process among the app's instances: a name that is unique per start (claims and Hangfire servers carry it).</summary>
public sealed class NetwerkInstance
{
    public string Id { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}".ToLowerInvariant();
}

/// <summary>The Redis connection string (<c>ConnectionStrings:Redis</c>), checked at start.</summary>
public sealed class RedisOptions
{
    public string? Connection { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Connection);

    /// <summary>The parsed connection string; AbortOnConnectFail is off so the app starts (and reports not ready) while Redis is down.</summary>
    public ConfigurationOptions Parse()
    {
        var options = ConfigurationOptions.Parse(Connection!);
        options.AbortOnConnectFail = false;
        options.ClientName ??= "netwerk";
        return options;
    }
}

/// <summary>
/// Running more than one instance: <c>ConnectionStrings:Redis</c> switches on the SignalR Redis backplane (hub messages to
/// groups and users reach connections on every instance) and keeps the data-protection keys in Redis, so a session
/// cookie or antiforgery token issued by one instance is read by every other (no sticky sessions). Job storage is chosen
/// separately (<c>Hangfire:Storage</c>, see Jobs/); <c>redis</c> uses this same connection.
/// </summary>
public static class ScaleOutSetup
{
    public const string RedisConnectionName = "Redis";
    public const string DataProtectionKey = "netwerk:data-protection-keys";
    public const string SignalRChannelPrefix = "netwerk:signalr";

    public static WebApplicationBuilder AddScaleOut(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<NetwerkInstance>();
        var connection = builder.Configuration.GetConnectionString(RedisConnectionName);
        services.AddOptions<RedisOptions>().Configure(o => o.Connection = connection)
            .Validate(o => !o.Enabled || TryParse(o.Connection!), $"ConnectionStrings:{RedisConnectionName} is not a valid StackExchange.Redis connection string (e.g. 'redis:6379' or 'host:6379,password=…').")
            .ValidateOnStart();
        if (string.IsNullOrWhiteSpace(connection)) return builder;

        services.AddSingleton<IConnectionMultiplexer>(sp => ConnectionMultiplexer.Connect(sp.GetRequiredService<IOptions<RedisOptions>>().Value.Parse()));
        services.AddSignalR().AddStackExchangeRedis(o =>
        {
            if (!TryParse(connection)) return; // refused at start by the validation above
            o.Configuration = new RedisOptions { Connection = connection }.Parse();
            o.Configuration.ChannelPrefix = RedisChannel.Literal(SignalRChannelPrefix);
        });
        // Keys in Redis replace the keys/ folder beside the SQLite file (AccessSetup): one key ring for every instance.
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((o, sp) =>
            o.XmlRepository = new RedisXmlRepository(() => sp.GetRequiredService<IConnectionMultiplexer>().GetDatabase(), DataProtectionKey));
        return builder;
    }

    private static bool TryParse(string connection)
    {
        try
        {
            return ConfigurationOptions.Parse(connection).EndPoints.Count > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
