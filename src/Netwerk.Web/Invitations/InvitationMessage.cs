using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using MimeKit;
using Netwerk.Web.Mail;

namespace Netwerk.Web.Invitations;

/// <summary>
/// Composes the iMIP (RFC 6047) mail of one invitation message:
/// multipart/mixed [ multipart/alternative [ text/plain, text/html, text/calendar; method=…; charset=utf-8 ], invite.ics ].
/// The inline calendar part comes last (clients show the last alternative they understand) and has no file name
/// (which would make it an attachment); the invite.ics attachment is for clients that ignore the inline part.
/// </summary>
public sealed class InvitationMessage(
    InvitationCalendar calendars, RsvpTokens tokens, MailAddresses addresses, IOptions<InvitationOptions> options, TimeProvider clock)
{
    public const string AttachmentName = "invite.ics";

    /// <summary>Upcoming dates of a series named in the mail, the first included.</summary>
    private const int DatesNamed = 6;

    // Far more than any real series within the RSVP horizon; bounds the work for a rule that never ends.
    private const int OccurrencesConsidered = 2000;

    public MimeMessage Compose(InvitationEvent invitation)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        // Clients send answers to the ORGANIZER and some distrust an invitation whose organiser is not its sender.
        if (!string.Equals(invitation.Organizer.Email.Trim(), addresses.FromAddress, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"The organiser's address ({invitation.Organizer.Email}) must be the address mail is sent from ({MailOptions.Section}:From = {addresses.FromAddress}).",
                nameof(invitation));
        }
        var calendar = calendars.Build(invitation);
        var method = InvitationCalendar.MethodName(invitation.Method);
        var now = clock.GetUtcNow();
        var settings = options.Value;
        var occurrences = InvitationCalendar.Occurrences(invitation, now + settings.RsvpHorizon, OccurrencesConsidered);
        var upcoming = occurrences.Where(o => o.End > now).Take(DatesNamed).ToList();

        IReadOnlyList<(RsvpAnswer, Uri)> links = invitation.Method == InvitationMethod.Request ? AnswerLinks(invitation, occurrences, now) : [];
        var text = InvitationWording.Write(invitation, upcoming, links);

        var message = new MimeMessage
        {
            Subject = text.Subject,
            MessageId = MessageId(invitation, addresses.FromAddress),
            Date = now,
        };
        message.From.Add(addresses.From);
        message.To.Add(new MailboxAddress(invitation.Recipient.Name.Trim(), invitation.Recipient.Email.Trim()));

        var inline = new TextPart("calendar");
        // method= first: it must equal the calendar's METHOD (Outlook refuses a mismatch, Thunderbird ignores an invite without it).
        inline.ContentType.Parameters.Add("method", method);
        inline.SetText(Encoding.UTF8, calendar);
        var alternative = new MultipartAlternative { Utf8Part("plain", text.Plain), Utf8Part("html", text.Html), inline };

        var attachment = new MimePart("application", "ics")
        {
            Content = new MimeContent(new MemoryStream(Encoding.UTF8.GetBytes(calendar))),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = AttachmentName,
        };
        message.Body = new Multipart("mixed") { alternative, attachment };
        return message;
    }

    /// <summary>The ja/misschien/nee links of a recipient for this invitation (also used by reminders), valid until after the last occurrence.</summary>
    public IReadOnlyList<(RsvpAnswer Answer, Uri Link)> AnswerLinks(InvitationEvent invitation)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        var now = clock.GetUtcNow();
        return AnswerLinks(invitation, InvitationCalendar.Occurrences(invitation, now + options.Value.RsvpHorizon, OccurrencesConsidered), now);
    }

    private IReadOnlyList<(RsvpAnswer, Uri)> AnswerLinks(InvitationEvent invitation, IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> occurrences, DateTimeOffset now)
    {
        var lastEnd = occurrences.Count > 0 ? occurrences.Max(o => o.End) : invitation.End;
        var token = tokens.Issue(new RsvpGrant
        {
            MeetingId = invitation.MeetingId,
            PersonId = invitation.Recipient.PersonId,
            Sequence = invitation.Sequence,
            Occurrence = invitation.OccurrenceOf,
            ExpiresAt = (lastEnd > now ? lastEnd : now) + options.Value.RsvpGrace,
        });
        return [.. new[] { RsvpAnswer.Accepted, RsvpAnswer.Tentative, RsvpAnswer.Declined }.Select(a => (a, tokens.Link(token, a)))];
    }

    private static TextPart Utf8Part(string subtype, string text)
    {
        var part = new TextPart(subtype);
        part.SetText(Encoding.UTF8, text);
        return part;
    }

    /// <summary>
    /// The Message-Id of the message about (meeting, person, occurrence) at this sequence and method, on the From
    /// domain: a send retried after a crash carries the same id, so the job (and the receiving server) can tell.
    /// </summary>
    public static string MessageId(InvitationEvent invitation, string fromAddress)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        var at = fromAddress.LastIndexOf('@');
        if (at < 0 || at == fromAddress.Length - 1) throw new ArgumentException($"'{fromAddress}' has no domain.", nameof(fromAddress));
        // Ids may hold characters a Message-Id may not (':'), and need not be shown to every mail server: hash them.
        var identity = string.Join('\n', invitation.MeetingId, invitation.Recipient.PersonId, invitation.OccurrenceOf?.ToUnixTimeSeconds().ToString() ?? "");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)).AsSpan(0, 16));
        var method = InvitationCalendar.MethodName(invitation.Method).ToLowerInvariant();
        return $"invitation.{hash}.{invitation.Sequence}.{method}@{fromAddress[(at + 1)..].Trim().ToLowerInvariant()}";
    }
}
