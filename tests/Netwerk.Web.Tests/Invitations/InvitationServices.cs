using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Netwerk.Testing;
using Netwerk.Web.Invitations;
using Netwerk.Web.Mail;

namespace Netwerk.Web.Tests.Invitations;

/// <summary>The invitation feature as <c>AddMail</c> and <c>AddInvitations</c> register it, on a clock the test controls.</summary>
internal sealed class InvitationServices : IDisposable
{
    /// <summary>A fixed test key (32 bytes), so tokens are reproducible between instances.</summary>
    public static readonly string Key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray());

    public const string From = "netwerk@w13.example.org";

    private readonly ServiceProvider _provider;

    public InvitationServices(IDictionary<string, string?>? settings = null, FakeClock? clock = null, string environment = "Testing")
    {
        ContentRoot = Directory.CreateTempSubdirectory("netwerk-invitations").FullName;
        Clock = clock ?? new FakeClock(new DateTimeOffset(2026, 2, 2, 8, 15, 0, TimeSpan.Zero));
        var all = new Dictionary<string, string?>
        {
            ["Smtp:From"] = $"Netwerk Zuid-West-Vlaanderen <{From}>",
            ["Invitations:RsvpKey"] = Key,
            ["Invitations:PublicBaseUrl"] = "https://netwerk.example.org",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var hosting = new HostingEnvironment { ContentRootPath = ContentRoot, EnvironmentName = environment, ApplicationName = "Netwerk.Web" };
        _provider = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton<IHostEnvironment>(hosting)
            .AddMail(configuration, hosting)
            .AddInvitations(configuration)
            .BuildServiceProvider(validateScopes: true);
    }

    public FakeClock Clock { get; }

    public string ContentRoot { get; }

    public InvitationCalendar Calendar => _provider.GetRequiredService<InvitationCalendar>();

    public InvitationMessage Messages => _provider.GetRequiredService<InvitationMessage>();

    public RsvpTokens Tokens => _provider.GetRequiredService<RsvpTokens>();

    public IMailSender Sender => _provider.GetRequiredService<IMailSender>();

    public void Dispose()
    {
        _provider.Dispose();
        Directory.Delete(ContentRoot, recursive: true);
    }

    /// <summary>
    /// Tuesday 10 March 2026, 09:30–12:00 in Brussels (winter time, UTC+1): the Lerend netwerk trajectbegeleiders,
    /// organised by W13, for Zoë.
    /// </summary>
    public static InvitationEvent Meeting() => new()
    {
        MeetingId = "meeting-0192",
        Title = "Lerend netwerk trajectbegeleiders",
        Description = "1. Welkom\n2. Wachtlijsten Nederlands: stand van zaken\n3. Rondvraag",
        Start = new DateTimeOffset(2026, 3, 10, 8, 30, 0, TimeSpan.Zero),
        End = new DateTimeOffset(2026, 3, 10, 11, 0, 0, TimeSpan.Zero),
        Location = "Vormingscentrum Kortrijk, zaal 2",
        Sequence = 0,
        Organizer = new InvitationOrganizer { Name = "Ann Claes (W13)", Email = From },
        Recipient = new InvitationRecipient { PersonId = "person-7", Name = "Zoë Vandenberghe", Email = "zoe@example.org", Language = "nl" },
    };

    /// <summary>Local Brussels wall-clock time as an instant, for readable tests.</summary>
    public static DateTimeOffset Brussels(int year, int month, int day, int hour, int minute)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");
        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
