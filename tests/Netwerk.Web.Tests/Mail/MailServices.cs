using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using MimeKit;
using Netwerk.Web.Mail;

namespace Netwerk.Web.Tests.Mail;

/// <summary>The mail feature as <c>AddMail</c> registers it, on a content root of its own.</summary>
internal sealed class MailServices : IDisposable
{
    private readonly ServiceProvider _provider;

    public MailServices(IDictionary<string, string?>? settings = null)
    {
        ContentRoot = Directory.CreateTempSubdirectory("netwerk-mail").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var environment = new HostingEnvironment { ContentRootPath = ContentRoot, EnvironmentName = "Testing", ApplicationName = "Netwerk.Web" };
        _provider = new ServiceCollection().AddLogging().AddMail(configuration, environment).BuildServiceProvider(validateScopes: true);
    }

    public string ContentRoot { get; }

    public IMailSender Sender => _provider.GetRequiredService<IMailSender>();

    public MailOutbox Outbox => _provider.GetRequiredService<MailOutbox>();

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>Sends with these settings and returns the failure the send must end in.</summary>
    public static async Task<MailDeliveryException> Refusal(IDictionary<string, string?> settings, MimeMessage message)
    {
        using var services = new MailServices(settings);
        return await Assert.ThrowsAsync<MailDeliveryException>(() => services.Sender.SendAsync(message, TestContext.Current.CancellationToken));
    }

    public void Dispose()
    {
        _provider.Dispose();
        Directory.Delete(ContentRoot, recursive: true);
    }
}
