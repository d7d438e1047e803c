using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Netwerk.Web.Mail;

public static class MailSetup
{
    /// <summary>
    /// Registers <see cref="IMailSender"/> (SMTP when <c>Smtp:Host</c> is set, the outbox folder otherwise),
    /// <see cref="MailAddresses"/> and <see cref="MailOutbox"/>, with <c>Smtp</c> validated at start.
    /// </summary>
    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.Section))
            .PostConfigure(o =>
            {
                if (!string.IsNullOrWhiteSpace(o.OutboxPath)) o.OutboxPath = Path.GetFullPath(o.OutboxPath, environment.ContentRootPath);
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<MailOptions>, MailOptionsValidator>();
        services.AddSingleton<MailAddresses>();
        services.AddSingleton<MailOutbox>();
        services.AddSingleton<SmtpMailSender>();
        services.AddSingleton<OutboxMailSender>();
        services.AddSingleton<IMailSender>(sp => sp.GetRequiredService<IOptions<MailOptions>>().Value.UsesSmtp
            ? sp.GetRequiredService<SmtpMailSender>()
            : sp.GetRequiredService<OutboxMailSender>());
        services.AddHostedService<MailRouteAnnouncer>();
        return services;
    }

    /// <summary>Says at start where mail goes, so an operator sees at once whether SMTP is in use.</summary>
    private sealed class MailRouteAnnouncer(IOptions<MailOptions> options, MailAddresses addresses, ILogger<MailRouteAnnouncer> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var o = options.Value;
            if (o.UsesSmtp)
            {
                logger.LogInformation("Mail: SMTP {Host}:{Port} ({Security}{Authentication}) from an address at {FromDomain}", o.Host, o.EffectivePort,
                    o.SecurityMode, string.IsNullOrEmpty(o.Username) ? ", no authentication" : ", authenticated",
                    "@" + addresses.FromAddress[(addresses.FromAddress.LastIndexOf('@') + 1)..]);
            }
            else
            {
                logger.LogInformation("Mail: no {Section}:Host set, mail is written to {Outbox}", MailOptions.Section, o.OutboxPath);
            }
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
