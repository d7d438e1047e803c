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

    /// <summary>Where a missing RSVP key or public address is made up rather than refused: a developer's machine and the tests.</summary>
    internal static bool IsDevelopmentOrTesting(IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment("Testing");
}
