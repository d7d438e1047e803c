using Hangfire;
using Microsoft.Extensions.Options;
using Netwerk.Core.Storage;

namespace Netwerk.Web.Privacy;

/// <summary>Retention of personal data (section <c>Privacy</c>).</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>
    /// People with no change to them or their relationships for this many months are erased automatically, once a day.
    /// 0 (the default) keeps everyone; regisseurs still see who is inactive.
    /// </summary>
    public int RetentionMonths { get; set; }
}

public sealed record InactivePerson(string Id, string Name, DateTimeOffset LastActivity);

/// <summary>
/// Finds people without activity and, when a retention period is set, erases them daily: a Hangfire recurring job
/// (<see cref="JobId"/>), so with job storage shared by several instances it runs once a day, not once per instance.
/// </summary>
public sealed class PersonRetention(
    IGraphStore store, PersonEraser eraser, IOptions<PrivacyOptions> options, TimeProvider time, ILogger<PersonRetention> logger)
{
    /// <summary>The window the inactive list uses when none is asked for.</summary>
    public int DefaultMonths => options.Value.RetentionMonths > 0 ? options.Value.RetentionMonths : 24;

    public async Task<IReadOnlyList<InactivePerson>> InactiveAsync(int months, CancellationToken ct)
    {
        var cutoff = time.GetUtcNow().AddMonths(-months);
        var people = await store.FindNodesAsync(new NodeQuery { Kind = "Person", Limit = int.MaxValue }, ct);
        var inactive = new List<InactivePerson>();
        foreach (var person in people.Items)
        {
            // The newest change to the person or any of their relationships (history is newest first).
            var last = await store.GetHistoryAsync(person.Id, 1, ct) is [var newest, ..] ? newest.At : person.UpdatedAt;
            if (last < cutoff) inactive.Add(new InactivePerson(person.Id, store.Schema.NameOf(person) ?? person.Id, last));
        }
        return inactive;
    }

    public const string JobId = "privacy-retention";

    /// <summary>One retention run: erases everyone inactive for <c>Privacy:RetentionMonths</c> (the recurring job).</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        if (options.Value.RetentionMonths <= 0) return;
        var erased = 0;
        foreach (var person in await InactiveAsync(options.Value.RetentionMonths, ct))
        {
            if (await store.GetNodeAsync(person.Id, ct) is not { } node) continue;
            await eraser.EraseAsync(node, ct);
            erased++;
        }
        logger.LogInformation("Retention: {Count} inactive people erased", erased);
    }
}

/// <summary>Declares the daily retention job at start (or removes it when retention is off).</summary>
internal sealed class RetentionSchedule(IRecurringJobManager recurring, IOptions<PrivacyOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.RetentionMonths > 0)
        {
            recurring.AddOrUpdate<PersonRetention>(PersonRetention.JobId, r => r.RunAsync(CancellationToken.None), Cron.Daily(3),
                new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels") });
        }
        else
        {
            recurring.RemoveIfExists(PersonRetention.JobId);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class PrivacySetup
{
    public static IServiceCollection AddPrivacy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PrivacyOptions>().Bind(configuration.GetSection(PrivacyOptions.Section))
            .Validate(o => o.RetentionMonths >= 0, "Privacy:RetentionMonths must be 0 (keep) or a number of months.")
            .ValidateOnStart();
        services.AddSingleton<PersonEraser>();
        services.AddSingleton<PersonRetention>();
        services.AddHostedService<RetentionSchedule>();
        return services;
    }
}
