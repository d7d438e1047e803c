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

/// <summary>Finds people without activity and, when a retention period is set, erases them daily.</summary>
public sealed class PersonRetention(
    IGraphStore store, PersonEraser eraser, IOptions<PrivacyOptions> options, TimeProvider time, ILogger<PersonRetention> logger) : BackgroundService
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.RetentionMonths <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromDays(1), time);
        do
        {
            try
            {
                foreach (var person in await InactiveAsync(options.Value.RetentionMonths, stoppingToken))
                {
                    if (await store.GetNodeAsync(person.Id, stoppingToken) is { } node) await eraser.EraseAsync(node, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Retention run failed; next run tomorrow");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
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
        services.AddHostedService(sp => sp.GetRequiredService<PersonRetention>());
        return services;
    }
}
