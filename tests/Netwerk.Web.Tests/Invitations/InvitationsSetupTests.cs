using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Netwerk.Web.Invitations;
using Netwerk.Web.Mail;

namespace Netwerk.Web.Tests.Invitations;

/// <summary>AddInvitations: a production server does not start without a usable RSVP key and public address.</summary>
public sealed class InvitationsSetupTests
{
    private const string ShortKey = "c2hvcnQtYnV0LXZhbGlkLWJhc2U2NA=="; // 23 bytes

    [Theory]
    [InlineData(null, "Invitations:RsvpKey is required in Production")]
    [InlineData(ShortKey, "Invitations:RsvpKey must be base64 of at least 32 random bytes")]
    [InlineData("not base64 at all, though long enough to be a key!!", "Invitations:RsvpKey must be base64")]
    public async Task Production_without_a_usable_key_does_not_start(string? key, string expected)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => Start("Production", new()
        {
            ["Invitations:RsvpKey"] = key,
            ["Invitations:PublicBaseUrl"] = "https://netwerk.example.org",
        }));

        Assert.Contains(expected, error.Message);
        Assert.Contains("openssl rand -base64 32", error.Message);
        if (key is not null) Assert.DoesNotContain(key, error.Message); // a secret, even a bad one, stays out of logs
    }

    [Theory]
    [InlineData(null, "Invitations:PublicBaseUrl (or Netwerk:Auth:PublicBaseUrl) is required in Production")]
    [InlineData("netwerk.example.org", "Invitations:PublicBaseUrl must be an absolute http(s) URL")]
    [InlineData("ftp://netwerk.example.org", "Invitations:PublicBaseUrl must be an absolute http(s) URL")]
    public async Task Production_without_a_public_address_does_not_start(string? url, string expected)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => Start("Production", new()
        {
            ["Invitations:RsvpKey"] = InvitationServices.Key,
            ["Invitations:PublicBaseUrl"] = url,
        }));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task Production_with_a_key_and_the_sign_in_address_starts_and_links_use_that_address()
    {
        using var host = await Start("Production", new()
        {
            ["Invitations:RsvpKey"] = InvitationServices.Key,
            ["Netwerk:Auth:PublicBaseUrl"] = "https://netwerk.w13.example.org",
        });

        var tokens = host.Services.GetRequiredService<RsvpTokens>();
        Assert.StartsWith("https://netwerk.w13.example.org/rsvp/x?answer=accepted", tokens.Link("x", RsvpAnswer.Accepted).AbsoluteUri);
        Assert.NotNull(host.Services.GetRequiredService<InvitationMessage>());
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Testing")]
    public async Task Development_and_testing_start_without_key_or_address(string environment)
    {
        using var host = await Start(environment, new());

        var tokens = host.Services.GetRequiredService<RsvpTokens>();
        Assert.StartsWith("http://localhost:5080/rsvp/x?answer=declined", tokens.Link("x", RsvpAnswer.Declined).AbsoluteUri);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<IHost> Start(string environment, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = environment,
            ContentRootPath = Path.GetTempPath(),
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddMail(builder.Configuration, builder.Environment);
        builder.Services.AddInvitations(builder.Configuration);
        var host = builder.Build();
        try
        {
            await host.StartAsync(TestContext.Current.CancellationToken);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
