using Hangfire;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Netwerk.Web.Access;

namespace Netwerk.Web.Invitations;

public static class InvitationsSetup
{
    /// <summary>
    /// Registers <see cref="InvitationCalendar"/>, <see cref="RsvpTokens"/> and <see cref="InvitationMessage"/> with the
    /// <c>Invitations</c> settings, validated at start. Needs <c>AddMail</c> (for <see cref="Mail.MailAddresses"/>).
    /// <c>Invitations:PublicBaseUrl</c> falls back to <c>Netwerk:Auth:PublicBaseUrl</c>.
    /// </summary>
    public static IServiceCollection AddInvitations(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<InvitationOptions>().Bind(configuration.GetSection(InvitationOptions.Section))
            .PostConfigure(o =>
            {
                if (string.IsNullOrWhiteSpace(o.PublicBaseUrl)) o.PublicBaseUrl = configuration[$"{AuthOptions.Section}:PublicBaseUrl"];
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<InvitationOptions>, InvitationOptionsValidator>();
        services.AddSingleton<InvitationCalendar>();
        services.AddSingleton<RsvpTokens>();
        services.AddSingleton<InvitationMessage>();
        return services;
    }

    /// <summary>
    /// The sending of invitations on top of <see cref="AddInvitations"/>: the outbox in the graph store, its Hangfire
    /// jobs and reminders, the answers, and the recovery at start. Needs a graph store and <c>AddJobs</c>.
    /// </summary>
    public static IServiceCollection AddInvitationSending(this IServiceCollection services)
    {
        services.AddSingleton<InvitationEvents>();
        services.AddSingleton<InvitationLocks>();
        services.AddSingleton<InvitationClaims>();
        services.AddSingleton<InvitationReminders>();
        services.AddSingleton<InvitationOutbox>();
        services.AddSingleton<RsvpAnswering>();
        services.AddTransient<InvitationMailer>();
        services.AddHostedService<OutboxRecovery>();
        return services;
    }

    /// <summary>The recurring job that hands on invitations whose sender died (<see cref="InvitationOutbox.SweepAsync"/>).</summary>
    public const string OutboxSweepJob = "invitation-outbox-sweep";

    /// <summary>
    /// At start, enqueues what the store still has queued and Hangfire lost (<see cref="InvitationOutbox.RecoverAsync"/>),
    /// and (re)declares the outbox sweep: a recurring job, so with shared job storage it runs once per schedule, whichever
    /// instance's worker takes it.
    /// </summary>
    private sealed class OutboxRecovery(
        InvitationOutbox outbox, IRecurringJobManager recurring, IOptions<InvitationOptions> options, ILogger<OutboxRecovery> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            try
            {
                recurring.AddOrUpdate<InvitationOutbox>(OutboxSweepJob, o => o.SweepAsync(CancellationToken.None), options.Value.OutboxSweepCron);
                await outbox.RecoverAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Not fatal for the app; the next POST /invitations queues what is missing.
                logger.LogError(e, "Invitation outbox recovery failed");
            }
        }
    }

    /// <summary>Where a missing RSVP key or public address is made up rather than refused: a developer's machine and the tests.</summary>
    internal static bool IsDevelopmentOrTesting(IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment("Testing");
}
