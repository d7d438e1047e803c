using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Netwerk.Web.Mail;

namespace Netwerk.Web.Tests.Mail;

/// <summary>AddMail: the route follows configuration, and bad settings stop start-up with the setting named.</summary>
public sealed class MailSetupTests
{
    [Fact]
    public void Without_a_host_mail_goes_to_the_outbox_under_the_content_root()
    {
        using var services = new MailServices();

        Assert.IsType<OutboxMailSender>(services.Sender);
        Assert.Equal(Path.Combine(services.ContentRoot, "data", "outbox"), services.Outbox.FolderPath);
        Assert.Equal("netwerk@localhost", services.Get<MailAddresses>().From.Address);
    }

    [Fact]
    public void With_a_host_mail_goes_over_smtp_from_the_configured_address()
    {
        using var services = new MailServices(new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "smtp.example.org",
            ["Smtp:From"] = "Netwerk <netwerk@example.org>",
        });

        Assert.IsType<SmtpMailSender>(services.Sender);
        var from = services.Get<MailAddresses>().From;
        Assert.Equal(("Netwerk", "netwerk@example.org"), (from.Name, from.Address));
        Assert.NotSame(from, services.Get<MailAddresses>().From);
        var options = services.Get<IOptions<MailOptions>>().Value;
        Assert.Equal((MailSecurity.StartTls, 587), (options.SecurityMode, options.EffectivePort));
    }

    [Theory]
    [InlineData("none", null, 25)]
    [InlineData("starttls", null, 587)]
    [InlineData("TLS", null, 465)]
    [InlineData("none", 1025, 1025)]
    public void Port_defaults_to_the_one_of_the_security_mode(string security, int? port, int expected)
    {
        Assert.Equal(expected, new MailOptions { Security = security, Port = port }.EffectivePort);
    }

    [Theory]
    [InlineData("Smtp:Security", "ssl", "Smtp:Security must be one of none, starttls, tls; 'ssl' is not.")]
    [InlineData("Smtp:Port", "70000", "Smtp:Port must be between 1 and 65535")]
    [InlineData("Smtp:Timeout", "00:00:00", "Smtp:Timeout must be more than zero")]
    [InlineData("Smtp:Host", "smtp://smtp.example.org", "Smtp:Host must be a host name")]
    [InlineData("Smtp:From", "", "Smtp:From is required when Smtp:Host is set")]
    [InlineData("Smtp:From", "Netwerk", "Smtp:From must be one mail address")]
    [InlineData("Smtp:From", "a@example.org, b@example.org", "Smtp:From must be one mail address")]
    [InlineData("Smtp:Password", "", "Smtp:Password is required when Smtp:Username is set.")]
    public async Task Bad_setting_stops_start_up_naming_the_setting(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "smtp.example.org",
            ["Smtp:From"] = "Netwerk <netwerk@example.org>",
            ["Smtp:Username"] = "netwerk",
            ["Smtp:Password"] = "geheim",
            [key] = value,
        };
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Testing",
            ContentRootPath = Path.GetTempPath(),
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddMail(builder.Configuration, builder.Environment);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("geheim", error.Message);
    }

    [Fact]
    public async Task Password_can_come_from_the_environment()
    {
        Environment.SetEnvironmentVariable("NETWERK_MAILTEST_Smtp__Password", "uit-de-omgeving");
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", ContentRootPath = Path.GetTempPath() });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Smtp:Host"] = "smtp.example.org",
                ["Smtp:From"] = "netwerk@example.org",
                ["Smtp:Username"] = "netwerk",
            });
            builder.Configuration.AddEnvironmentVariables("NETWERK_MAILTEST_");
            builder.Services.AddMail(builder.Configuration, builder.Environment);
            using var host = builder.Build();

            await host.StartAsync(TestContext.Current.CancellationToken);

            Assert.Equal("uit-de-omgeving", host.Services.GetRequiredService<IOptions<MailOptions>>().Value.Password);
            await host.StopAsync(TestContext.Current.CancellationToken);
        }
        finally
        {
            Environment.SetEnvironmentVariable("NETWERK_MAILTEST_Smtp__Password", null);
        }
    }
}
