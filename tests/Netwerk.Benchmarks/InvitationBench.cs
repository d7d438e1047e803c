using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using MimeKit;
using Netwerk.Web.Invitations;
using Netwerk.Web.Mail;

namespace Netwerk.Benchmarks;

/// <summary>
/// 1,000 personalised invitations (a monthly series with a changed and a cancelled date, VTIMEZONE, signed answer
/// links, Dutch and English): composed with the app's own <see cref="InvitationMessage"/>, then delivered over SMTP
/// to maildev (web/node_modules, started here) by the app's <see cref="IMailSender"/>, one SMTP connection per
/// message as the jobs do — once in sequence, once four at a time (the default number of job workers).
/// </summary>
internal static class InvitationBench
{
    private const int Count = 1000;

    public static async Task<int> Run()
    {
        Console.WriteLine($"Netwerk invitation benchmark — {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        var (smtpPort, webPort) = (FreePort(), FreePort());
        using var maildev = StartMailDev(smtpPort, webPort);
        try
        {
            return await Measure(smtpPort, webPort);
        }
        finally
        {
            maildev.Kill();
            await maildev.WaitForExitAsync();
        }
    }

    private static async Task<int> Measure(int smtpPort, int webPort)
    {
        await WaitForPort(smtpPort);
        var root = Directory.CreateTempSubdirectory("netwerk-invitation-bench").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = smtpPort.ToString(),
            ["Smtp:Security"] = "none",
            ["Smtp:From"] = "Netwerk Zuid-West-Vlaanderen <netwerk@w13.example.org>",
            ["Invitations:RsvpKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
            ["Invitations:PublicBaseUrl"] = "https://netwerk.example.org",
        }).Build();
        var environment = new HostingEnvironment { ContentRootPath = root, EnvironmentName = "Testing", ApplicationName = "Netwerk.Web" };
        await using var services = new ServiceCollection().AddLogging().AddSingleton<IHostEnvironment>(environment)
            .AddMail(configuration, environment).AddInvitations(configuration).BuildServiceProvider();
        var composer = services.GetRequiredService<InvitationMessage>();
        var sender = services.GetRequiredService<IMailSender>();

        for (var i = 0; i < 50; i++) composer.Compose(Invitation(i)); // past tiered JIT
        var watch = Stopwatch.StartNew();
        var messages = Enumerable.Range(0, Count).Select(i => composer.Compose(Invitation(i))).ToList();
        var compose = watch.Elapsed;
        var bytes = messages.Take(20).Average(m =>
        {
            using var measure = new MemoryStream();
            m.WriteTo(measure);
            return measure.Length;
        });
        Report($"compose {Count} invitations (iTIP + iMIP, ~{bytes / 1024:F0} KiB each)", compose);

        watch.Restart();
        foreach (var message in messages.Take(Count / 2)) await sender.SendAsync(message, CancellationToken.None);
        Report($"send {Count / 2} over SMTP to maildev, one at a time", watch.Elapsed, Count / 2);

        watch.Restart();
        await Parallel.ForEachAsync(messages.Skip(Count / 2), new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (message, ct) => await sender.SendAsync(message, ct));
        Report($"send {Count - Count / 2} over SMTP to maildev, four at a time", watch.Elapsed, Count - Count / 2);

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}") };
        var received = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/api/email")).RootElement.GetArrayLength();
        Console.WriteLine($"  maildev holds {received} messages. Each send opens its own SMTP connection (as each job does); maildev spends ~100 ms");
        Console.WriteLine("  on every new connection here (its reverse DNS lookup of the client, with no DNS in this sandbox), so the sends");
        Console.WriteLine("  measure mostly that: the same messages over one kept-open connection take ~10 ms each with Python's smtplib.");
        Directory.Delete(root, recursive: true);
        return received == Count ? 0 : 1;
    }

    private static InvitationEvent Invitation(int i)
    {
        var start = new DateTimeOffset(2027, 3, 9, 9, 30, 0, TimeSpan.FromHours(1));
        return new InvitationEvent
        {
            MeetingId = "meeting-lerend-netwerk",
            Title = "Lerend netwerk trajectbegeleiders",
            Description = "1. Welkom\n2. Wachtlijsten Nederlands: stand van zaken\n3. Rondvraag",
            Start = start,
            End = start.AddHours(2.5),
            Location = "Vormingscentrum Kortrijk, zaal 2, Doorniksesteenweg 1",
            RecurrenceRule = "FREQ=MONTHLY;BYDAY=2TU;COUNT=10",
            ExceptionDates = [new DateTimeOffset(2027, 5, 11, 9, 30, 0, TimeSpan.FromHours(2))],
            Overrides = [new InvitationOverride
            {
                OriginalStart = new DateTimeOffset(2027, 6, 8, 9, 30, 0, TimeSpan.FromHours(2)),
                Start = new DateTimeOffset(2027, 6, 15, 13, 30, 0, TimeSpan.FromHours(2)),
                End = new DateTimeOffset(2027, 6, 15, 16, 0, 0, TimeSpan.FromHours(2)),
            }],
            Sequence = 3,
            IsUpdate = i % 2 == 0,
            Organizer = new InvitationOrganizer { Name = "An Peeters", Email = "netwerk@w13.example.org" },
            Recipient = new InvitationRecipient
            {
                PersonId = $"person-{i}", Name = $"Deelnemer {i}", Email = $"deelnemer-{i}@example.org", Language = i % 5 == 0 ? "en" : "nl",
            },
        };
    }

    private static void Report(string what, TimeSpan elapsed, int count = Count) =>
        Console.WriteLine($"{what,-62} {elapsed.TotalMilliseconds,8:F0} ms  ({elapsed.TotalMilliseconds / count:F2} ms per message)");

    internal static Process StartMailDev(int smtpPort, int webPort)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Netwerk.sln"))) directory = directory.Parent;
        var script = Path.Combine(directory?.FullName ?? ".", "web", "node_modules", "maildev", "dist", "bin", "maildev.js");
        if (!File.Exists(script)) throw new InvalidOperationException($"maildev is missing ({script}): run `npm ci` in web/.");
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { script, "--ip", "127.0.0.1", "--smtp", smtpPort.ToString(), "--web-ip", "127.0.0.1", "--web", webPort.ToString() },
        };
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    internal static async Task WaitForPort(int port)
    {
        for (var i = 0; i < 300; i++)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port);
                await Task.Delay(500); // the web API starts just after SMTP
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new InvalidOperationException("maildev did not start");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
