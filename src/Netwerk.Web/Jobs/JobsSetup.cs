using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Redis.StackExchange;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Netwerk.Core.Accounts;
using Netwerk.Web.Access;
using Netwerk.Web.ScaleOut;

namespace Netwerk.Web.Jobs;

/// <summary>Settings of background jobs (configuration section <c>Hangfire</c>).</summary>
public sealed class JobOptions
{
    public const string Section = "Hangfire";

    public const string Memory = "memory";
    public const string Redis = "redis";
    public const string PostgreSql = "postgresql";
    public const string PostgreSqlConnectionName = "HangfirePostgreSql";

    /// <summary>
    /// Where Hangfire keeps its jobs: <c>memory</c> (default; one process), <c>redis</c> (<c>ConnectionStrings:Redis</c>) or
    /// <c>postgresql</c> (<c>ConnectionStrings:HangfirePostgreSql</c>); the last two are shared by every instance. Nothing is
    /// lost with memory either: what must survive a restart (invitations) is kept in the graph store and enqueued again at start.
    /// </summary>
    public string Storage { get; set; } = Memory;

    /// <summary>Jobs live in storage that every instance shares (so recurring jobs run once per schedule, not once per instance).</summary>
    public bool Shared => !string.Equals(Storage?.Trim(), Memory, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Shared storage only: how long a job taken by an instance that died stays hidden before another instance runs it
    /// (Redis' invisibility timeout). A job that outlives it may run twice; invitation jobs claim their invitation first.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Jobs run at once. Mail jobs wait on the network; SMTP relays often allow a client a few connections only.</summary>
    public int WorkerCount { get; set; } = 4;

    /// <summary>How often scheduled jobs (retries, reminders) are looked for; a job due in between runs this much later.</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Retries of a failed job after the first attempt (transient mail failures).</summary>
    public int RetryAttempts { get; set; } = 8;

    /// <summary>The first retry's delay; each next one is three times longer, up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryFirstDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(6);

    /// <summary>The delay before retry <paramref name="attempt"/> (1 for the first): exponential backoff with a cap.</summary>
    public TimeSpan RetryDelay(long attempt)
    {
        var seconds = RetryFirstDelay.TotalSeconds * Math.Pow(3, Math.Max(0, attempt - 1));
        return TimeSpan.FromSeconds(Math.Min(seconds, RetryMaxDelay.TotalSeconds));
    }
}

internal sealed class JobOptionsValidator(IConfiguration configuration) : IValidateOptions<JobOptions>
{
    public ValidateOptionsResult Validate(string? name, JobOptions options)
    {
        var s = JobOptions.Section;
        var failures = new List<string>();
        switch (options.Storage?.Trim().ToLowerInvariant())
        {
            case JobOptions.Memory:
                break;
            case JobOptions.Redis when string.IsNullOrWhiteSpace(configuration.GetConnectionString(ScaleOutSetup.RedisConnectionName)):
                failures.Add($"{s}:Storage 'redis' needs ConnectionStrings:{ScaleOutSetup.RedisConnectionName} (e.g. 'redis:6379').");
                break;
            case JobOptions.Redis:
                break;
            case JobOptions.PostgreSql when !ValidPostgreSql(configuration.GetConnectionString(JobOptions.PostgreSqlConnectionName)):
                failures.Add($"{s}:Storage 'postgresql' needs ConnectionStrings:{JobOptions.PostgreSqlConnectionName}, a Npgsql connection string (e.g. 'Host=db;Database=netwerk_jobs;Username=netwerk;Password=…').");
                break;
            case JobOptions.PostgreSql:
                break;
            default:
                failures.Add($"{s}:Storage must be 'memory', 'redis' or 'postgresql'; '{options.Storage}' is not.");
                break;
        }
        if (options.InvisibilityTimeout < TimeSpan.FromSeconds(1)) failures.Add($"{s}:InvisibilityTimeout must be at least 00:00:01; '{options.InvisibilityTimeout}' is not.");
        if (options.WorkerCount is < 1 or > 100) failures.Add($"{s}:WorkerCount must be between 1 and 100; {options.WorkerCount} is not.");
        if (options.SchedulePollingInterval < TimeSpan.FromMilliseconds(100) || options.SchedulePollingInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{s}:SchedulePollingInterval must be between 00:00:00.1 and 00:10:00; '{options.SchedulePollingInterval}' is not.");
        }
        if (options.RetryAttempts is < 0 or > 50) failures.Add($"{s}:RetryAttempts must be between 0 and 50; {options.RetryAttempts} is not.");
        if (options.RetryFirstDelay < TimeSpan.Zero || options.RetryMaxDelay < options.RetryFirstDelay)
        {
            failures.Add($"{s}:RetryFirstDelay must not be negative nor longer than {s}:RetryMaxDelay.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool ValidPostgreSql(string? connection)
    {
        if (string.IsNullOrWhiteSpace(connection)) return false;
        try
        {
            return !string.IsNullOrEmpty(new Npgsql.NpgsqlConnectionStringBuilder(connection).Host);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>
/// Hangfire in the app's own process: storage, activator and filters are this app's services, never Hangfire's static
/// defaults (<c>JobStorage.Current</c>, <c>JobActivator.Current</c>), so two apps in one process (the tests) keep
/// their jobs apart. Jobs are enqueued through an injected <see cref="IBackgroundJobClient"/>.
/// </summary>
public static class JobsSetup
{
    /// <summary>Where the dashboard lives.</summary>
    public const string DashboardPath = "/jobs";

    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobOptions>().Bind(configuration.GetSection(JobOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JobOptions>, JobOptionsValidator>();
        // Registered before AddHangfire, whose TryAdd then leaves them alone.
        services.AddSingleton<JobStorage>(sp => CreateStorage(sp, configuration));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<IJobFilterProvider, RetryPolicy>();
        services.AddHangfire((sp, configuration) => configuration
            .UseLogProvider(HangfireLog.Instance.Using(sp.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddHangfireServer((sp, server) =>
        {
            var options = sp.GetRequiredService<IOptions<JobOptions>>().Value;
            server.WorkerCount = options.WorkerCount;
            server.SchedulePollingInterval = options.SchedulePollingInterval;
            server.ServerName = $"netwerk-{sp.GetRequiredService<NetwerkInstance>().Id}";
        });
        return services;
    }

    /// <summary>The storage <c>Hangfire:Storage</c> names (validated at start).</summary>
    private static JobStorage CreateStorage(IServiceProvider services, IConfiguration configuration)
    {
        var options = services.GetRequiredService<IOptions<JobOptions>>().Value;
        switch (options.Storage.Trim().ToLowerInvariant())
        {
            case JobOptions.Redis:
                // One prefix in braces: every key lands in one hash slot, as Redis Cluster needs for Hangfire's transactions.
                return new RedisStorage(services.GetRequiredService<IConnectionMultiplexer>(), new RedisStorageOptions
                {
                    Prefix = "{netwerk-jobs}:",
                    InvisibilityTimeout = options.InvisibilityTimeout,
                });
            case JobOptions.PostgreSql:
                var postgres = new PostgreSqlStorageOptions
                {
                    SchemaName = "netwerk_jobs",
                    PrepareSchemaIfNecessary = true,
                    InvisibilityTimeout = options.InvisibilityTimeout,
                    QueuePollInterval = TimeSpan.FromSeconds(1),
                };
                return new PostgreSqlStorage(new NpgsqlConnectionFactory(configuration.GetConnectionString(JobOptions.PostgreSqlConnectionName)!, postgres), postgres);
            default:
                return new InMemoryStorage(new InMemoryStorageOptions());
        }
    }

    /// <summary>The Hangfire dashboard at <see cref="DashboardPath"/>, for signed-in organisers (and regisseurs) only.</summary>
    public static IEndpointRouteBuilder MapJobsDashboard(this IEndpointRouteBuilder app)
    {
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            DashboardTitle = "Netwerk — achtergrondtaken",
            AppPath = "/",
            // Explicit, never the default: the endpoint policy below answers 401/403 first, and the filter refuses
            // anyone it lets through by mistake (a dashboard once shipped open by default).
            Authorization = [new OrganiserDashboardFilter()],
            AsyncAuthorization = [],
        }).RequireAuthorization(RolePolicies.Organiser);
        return app;
    }

    /// <summary>Lets in an account with the organiser role (or higher) in some region; everyone else is refused.</summary>
    private sealed class OrganiserDashboardFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().Account()?.HighestRole >= Netwerk.Core.Accounts.Role.Organiser;
    }

    /// <summary>
    /// Hangfire's filters with its global retry rule (10 attempts, its own delays) replaced by ours (plus a span and a
    /// duration measurement per job, Telemetry/): exponential backoff
    /// from <see cref="JobOptions"/>. After the last attempt a job stays Failed on the dashboard; the invitation job
    /// records the failure in the graph itself before it gives up.
    /// </summary>
    private sealed class RetryPolicy(IOptions<JobOptions> options, Telemetry.JobTelemetryFilter telemetry) : IJobFilterProvider
    {
        private readonly JobFilter _retry = new(new AutomaticRetryAttribute
        {
            Attempts = options.Value.RetryAttempts,
            DelayInSecondsByAttemptFunc = attempt => (int)Math.Ceiling(options.Value.RetryDelay(attempt).TotalSeconds),
            OnAttemptsExceeded = AttemptsExceededAction.Fail,
            LogEvents = true,
        }, JobFilterScope.Global, null);

        private readonly JobFilter _telemetry = new(telemetry, JobFilterScope.Global, null);

        public IEnumerable<JobFilter> GetFilters(Job job) =>
            JobFilterProviders.Providers.GetFilters(job).Where(f => f.Instance is not AutomaticRetryAttribute || f.Scope != JobFilterScope.Global).Append(_retry).Append(_telemetry);
    }
}
