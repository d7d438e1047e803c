using System.Text;
using System.Text.RegularExpressions;
using Ical.Net;
using MimeKit;
using Netwerk.Web.Invitations;
using Netwerk.Web.Tests.Mail;

namespace Netwerk.Web.Tests.Invitations;

/// <summary>The iMIP mail of an invitation: MIME structure, wording, answer links, Message-Id, and a real SMTP trip.</summary>
public sealed partial class InvitationMessageTests(MailDevServer maildev) : IClassFixture<MailDevServer>, IDisposable
{
    private readonly InvitationServices _services = new();

    public void Dispose() => _services.Dispose();

    [Theory]
    [InlineData(InvitationStatus.Confirmed, false, "REQUEST")]
    [InlineData(InvitationStatus.Cancelled, false, "CANCEL")]
    [InlineData(InvitationStatus.Confirmed, true, "CANCEL")]
    public void Mail_is_mixed_with_the_calendar_last_in_the_alternative_and_an_ics_attachment(InvitationStatus status, bool removed, string method)
    {
        var message = _services.Messages.Compose(InvitationServices.Meeting() with { Status = status, RecipientRemoved = removed });

        var mixed = Assert.IsType<Multipart>(message.Body);
        Assert.Equal("multipart/mixed", mixed.ContentType.MimeType);
        Assert.Equal(2, mixed.Count);
        var alternative = Assert.IsType<MultipartAlternative>(mixed[0]);
        Assert.Equal(["text/plain", "text/html", "text/calendar"], alternative.Select(p => p.ContentType.MimeType));
        Assert.All(alternative, p => Assert.Equal("utf-8", p.ContentType.Charset));
        var inline = Assert.IsType<TextPart>(alternative[2]);
        Assert.Equal(method, inline.ContentType.Parameters["method"]);
        Assert.Equal(method, Calendar.Load(inline.Text)!.Method); // the MIME method equals the iCalendar METHOD
        Assert.Null(inline.FileName);
        Assert.Null(inline.ContentType.Name);
        Assert.False(inline.IsAttachment);

        var attachment = Assert.IsType<MimePart>(mixed[1]);
        Assert.True(attachment.IsAttachment);
        Assert.Equal("invite.ics", attachment.FileName);
        Assert.Equal("application/ics", attachment.ContentType.MimeType);
        using var content = new MemoryStream();
        attachment.Content!.DecodeTo(content);
        // The same calendar; MimeKit keeps the inline text with its own line ends and writes CRLF on the wire.
        Assert.Equal(inline.Text.ReplaceLineEndings("\r\n"), Encoding.UTF8.GetString(content.ToArray()));

        Assert.Equal("netwerk@w13.example.org", message.From.Mailboxes.Single().Address);
        var to = Assert.Single(message.To.Mailboxes);
        Assert.Equal(("Zoë Vandenberghe", "zoe@example.org"), (to.Name, to.Address));
        Assert.Empty(message.Cc);
        Assert.Empty(message.Bcc);
    }

    [Fact]
    public void Dutch_invitation_names_date_venue_agenda_and_three_answer_links_that_need_no_login()
    {
        var message = _services.Messages.Compose(InvitationServices.Meeting() with { Sequence = 2 });

        Assert.Equal("Uitnodiging: Lerend netwerk trajectbegeleiders – dinsdag 10 maart 2026", message.Subject);
        var text = message.TextBody;
        Assert.Contains("Dag Zoë Vandenberghe,", text);
        Assert.Contains("Wanneer: dinsdag 10 maart 2026, 09:30–12:00", text);
        Assert.Contains("Waar: Vormingscentrum Kortrijk, zaal 2", text);
        Assert.Contains("2. Wachtlijsten Nederlands: stand van zaken", text);
        Assert.Contains("dinsdag 10 maart 2026, 09:30–12:00", message.HtmlBody);
        Assert.Contains("Wachtlijsten Nederlands: stand van zaken", message.HtmlBody);

        var links = Links().Matches(text!).Select(m => m.Value).ToList();
        Assert.Equal(3, links.Count);
        Assert.Equal(["accepted", "tentative", "declined"], links.Select(l => l[(l.LastIndexOf('=') + 1)..]));
        Assert.Contains("Ja: " + links[0], text);
        Assert.Contains("Misschien: " + links[1], text);
        Assert.Contains("Nee: " + links[2], text);
        Assert.All(links, l => Assert.StartsWith("https://netwerk.example.org/rsvp/", l));
        Assert.All(links, l => Assert.Contains(System.Net.WebUtility.HtmlEncode(l), message.HtmlBody));
        var token = links[0]["https://netwerk.example.org/rsvp/".Length..links[0].IndexOf('?')];
        Assert.All(links, l => Assert.Contains("/rsvp/" + token + "?", l)); // one token, three answers
        var check = _services.Tokens.Verify(token);
        Assert.True(check.IsValid);
        Assert.Equal(("meeting-0192", "person-7", 2, (DateTimeOffset?)null), (check.Grant!.MeetingId, check.Grant.PersonId, check.Grant.Sequence, check.Grant.Occurrence));
        // The link works until well after the meeting, not forever.
        Assert.InRange(check.Grant.ExpiresAt, InvitationServices.Meeting().End.AddDays(29), InvitationServices.Meeting().End.AddDays(31));
    }

    [Fact]
    public void English_recipient_gets_english_with_the_date_in_brussels_time()
    {
        var meeting = InvitationServices.Meeting() with
        {
            Recipient = InvitationServices.Meeting().Recipient with { Language = "en" },
            IsUpdate = true,
            Start = InvitationServices.Brussels(2026, 3, 31, 9, 30),
            End = InvitationServices.Brussels(2026, 3, 31, 12, 0),
        };

        var message = _services.Messages.Compose(meeting);

        Assert.Equal("Updated: Lerend netwerk trajectbegeleiders – Tuesday 31 March 2026", message.Subject);
        Assert.Contains("When: Tuesday 31 March 2026, 09:30–12:00", message.TextBody);
        Assert.Contains("Yes: https://", message.TextBody);
        Assert.Contains("<html lang=\"en\">", message.HtmlBody);
    }

    [Fact]
    public void Series_names_its_next_dates_and_links_last_until_after_the_last_one()
    {
        var meeting = InvitationServices.Meeting() with
        {
            RecurrenceRule = "FREQ=WEEKLY;BYDAY=TU;COUNT=4",
            ExceptionDates = [InvitationServices.Brussels(2026, 3, 17, 9, 30)],
        };

        var message = _services.Messages.Compose(meeting);

        Assert.Contains("Wanneer: dinsdag 10 maart 2026, 09:30–12:00", message.TextBody);
        Assert.Contains("Daarna: dinsdag 24 maart 2026, 09:30–12:00; dinsdag 31 maart 2026, 09:30–12:00", message.TextBody);
        Assert.DoesNotContain("17 maart", message.TextBody);
        var token = Token(message);
        var lastEnd = InvitationServices.Brussels(2026, 3, 31, 12, 0);
        Assert.Equal(lastEnd.AddDays(30), _services.Tokens.Verify(token).Grant!.ExpiresAt);
    }

    [Fact]
    public void Cancellation_says_so_and_offers_no_answer_links()
    {
        var message = _services.Messages.Compose(InvitationServices.Meeting() with { Status = InvitationStatus.Cancelled, Sequence = 1 });

        Assert.Equal("Geannuleerd: Lerend netwerk trajectbegeleiders – dinsdag 10 maart 2026", message.Subject);
        Assert.Contains("gaat niet door", message.TextBody);
        Assert.DoesNotContain("/rsvp/", message.TextBody);
        Assert.DoesNotContain("/rsvp/", message.HtmlBody);
    }

    [Fact]
    public void Occurrence_cancellation_names_the_original_date_and_keeps_the_others()
    {
        var original = InvitationServices.Brussels(2026, 3, 17, 9, 30);
        var message = _services.Messages.Compose(Occurrence(original, TimeSpan.Zero, 3) with { Status = InvitationStatus.Cancelled });

        Assert.Equal("Geannuleerd: Lerend netwerk trajectbegeleiders – dinsdag 17 maart 2026", message.Subject);
        Assert.Contains("De andere data blijven staan.", message.TextBody);
    }

    [Fact]
    public void Answer_links_for_one_occurrence_carry_that_occurrence()
    {
        var original = InvitationServices.Brussels(2026, 3, 31, 9, 30);
        var message = _services.Messages.Compose(Occurrence(original, TimeSpan.FromHours(1), 4));

        var grant = _services.Tokens.Verify(Token(message)).Grant!;
        Assert.Equal((original, 4), (grant.Occurrence, grant.Sequence));
    }

    [Fact]
    public void Names_and_titles_are_text_in_the_html_never_markup()
    {
        var meeting = InvitationServices.Meeting() with
        {
            Title = "Overleg <b>vet</b> & \"zo\"",
            Description = "<img src=x onerror=alert(1)>",
            Location = "<a href=\"https://evil.example\">hier</a>",
            Organizer = InvitationServices.Meeting().Organizer with { Name = "<i>Ann</i>" },
            Recipient = InvitationServices.Meeting().Recipient with { Name = "<script>alert('Zoë')</script>" },
        };

        var message = _services.Messages.Compose(meeting);

        var html = message.HtmlBody;
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html);
        Assert.DoesNotContain("<i>", html);
        Assert.DoesNotContain("evil.example\">", html);
        Assert.Contains("&lt;script&gt;alert(&#39;Zo", html);
        Assert.Contains("Overleg &lt;b&gt;vet&lt;/b&gt; &amp; &quot;zo&quot;", html);
        Assert.Equal("<script>alert('Zoë')</script>", message.To.Mailboxes.Single().Name);
    }

    [Fact]
    public void Message_id_is_the_same_for_the_same_invitation_and_sequence_and_differs_otherwise()
    {
        var meeting = InvitationServices.Meeting() with { Sequence = 3 };

        var first = _services.Messages.Compose(meeting);
        _services.Clock.Advance(TimeSpan.FromMinutes(10));
        var retried = _services.Messages.Compose(meeting);

        Assert.Equal(first.MessageId, retried.MessageId);
        Assert.Matches(@"^invitation\.[0-9a-f]{32}\.3\.request@w13\.example\.org$", first.MessageId);
        Assert.Equal(InvitationMessage.MessageId(meeting, InvitationServices.From), first.MessageId);
        var others = new[]
        {
            meeting with { Sequence = 4 },
            meeting with { Status = InvitationStatus.Cancelled },
            meeting with { Recipient = meeting.Recipient with { PersonId = "person-8" } },
            meeting with { MeetingId = "meeting-0193" },
            meeting with { OccurrenceOf = meeting.Start, Sequence = 3 },
        };
        var ids = others.Select(m => _services.Messages.Compose(m).MessageId).Append(first.MessageId).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Organiser_other_than_the_sender_is_refused()
    {
        var meeting = InvitationServices.Meeting() with
        {
            Organizer = new InvitationOrganizer { Name = "Ann Claes", Email = "ann.claes@w13.example.org" },
        };

        var error = Assert.Throws<ArgumentException>(() => _services.Messages.Compose(meeting));

        Assert.Contains("Smtp:From", error.Message);
    }

    [Fact]
    public async Task Invitation_sent_over_real_smtp_arrives_with_method_request_and_the_event()
    {
        var settings = maildev.Settings().ToDictionary(s => s.Key, s => s.Value);
        using var services = new InvitationServices(settings);
        var meeting = InvitationServices.Meeting() with { Title = $"Lerend netwerk trajectbegeleiders {Guid.NewGuid():N}", Sequence = 1 };
        var message = services.Messages.Compose(meeting);

        var delivery = await services.Sender.SendAsync(message, TestContext.Current.CancellationToken);

        var received = await maildev.Received(message.Subject!);
        var raw = await maildev.Source(received.GetProperty("id").GetString()!);
        var source = Encoding.UTF8.GetString(raw);
        Assert.Matches(@"Content-Type: text/calendar;\s*method=REQUEST;\s*charset=utf-8", source);
        Assert.Contains("BEGIN:VEVENT", source);
        Assert.Contains("UID:meeting-0192@w13.example.org", source);
        Assert.Contains($"Message-Id: <{InvitationMessage.MessageId(meeting, InvitationServices.From)}>", source, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(message.MessageId, delivery.MessageId);

        var arrived = await MimeMessage.LoadAsync(new MemoryStream(raw), TestContext.Current.CancellationToken);
        var inline = arrived.BodyParts.OfType<TextPart>().Single(p => p.ContentType.MimeType == "text/calendar");
        Assert.Equal("REQUEST", inline.ContentType.Parameters["method"]);
        var vevent = Calendar.Load(inline.Text)!.Events.Single();
        Assert.Equal((meeting.Title, 1, "Zoë Vandenberghe"), (vevent.Summary, vevent.Sequence, vevent.Attendees.Single().CommonName));
        Assert.Single(arrived.Attachments, a => a.ContentDisposition?.FileName == "invite.ics");
    }

    /// <summary>The occurrence of the series that originally started at <paramref name="original"/>, moved by <paramref name="shift"/>.</summary>
    private static InvitationEvent Occurrence(DateTimeOffset original, TimeSpan shift, int sequence) => InvitationServices.Meeting() with
    {
        OccurrenceOf = original,
        Start = original + shift,
        End = original + shift + TimeSpan.FromHours(2.5),
        Sequence = sequence,
    };

    private static string Token(MimeMessage message) => Regex.Match(message.TextBody!, "/rsvp/([^?]+)\\?").Groups[1].Value;

    [GeneratedRegex(@"https://netwerk\.example\.org/rsvp/[A-Za-z0-9_.-]+\?answer=[a-z]+")]
    private static partial Regex Links();
}
