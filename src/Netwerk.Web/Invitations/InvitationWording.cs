using System.Globalization;
using System.Net;
using System.Text;

namespace Netwerk.Web.Invitations;

/// <summary>Subject, plain text and HTML of one invitation message, in the recipient's language.</summary>
internal sealed record InvitationText(string Subject, string Plain, string Html);

/// <summary>
/// The words of invitation mails in Dutch (default) and English. Both bodies are written from the same list of
/// paragraphs, so they cannot say different things; every value is HTML-encoded in the HTML body, because names,
/// titles and agendas are typed by people and must show as text.
/// </summary>
internal static class InvitationWording
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-BE");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <param name="invitation">The message to word.</param>
    /// <param name="upcoming">The occurrences to name, first one first (one for a single meeting or occurrence).</param>
    /// <param name="links">The answer links, for an invitation; none for a cancellation.</param>
    public static InvitationText Write(InvitationEvent invitation, IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> upcoming,
        IReadOnlyList<(RsvpAnswer Answer, Uri Link)> links)
    {
        var en = invitation.Recipient.PrefersEnglish;
        var culture = en ? English : Dutch;
        var title = invitation.Title.Trim();
        var organizer = invitation.Organizer.Name.Trim();
        var first = upcoming.Count > 0 ? upcoming[0] : (invitation.Start, invitation.End);
        var cancelledOccurrence = invitation.OccurrenceOf is { } original && invitation.Method == InvitationMethod.Cancel ? original : (DateTimeOffset?)null;
        var subjectDate = Date(cancelledOccurrence ?? first.Start, culture);

        var prefix = (invitation.Method, invitation.RecipientRemoved, invitation.IsUpdate, en) switch
        {
            (InvitationMethod.Cancel, true, _, false) => "Afgemeld",
            (InvitationMethod.Cancel, true, _, true) => "No longer invited",
            (InvitationMethod.Cancel, false, _, false) => "Geannuleerd",
            (InvitationMethod.Cancel, false, _, true) => "Cancelled",
            (_, _, true, false) => "Gewijzigd",
            (_, _, true, true) => "Updated",
            (_, _, false, false) => "Uitnodiging",
            (_, _, false, true) => "Invitation",
        };
        var subject = $"{prefix}: {title} – {subjectDate}";

        var blocks = new List<Block> { new Paragraph(en ? $"Hello {invitation.Recipient.Name.Trim()}," : $"Dag {invitation.Recipient.Name.Trim()},") };
        if (invitation.Method == InvitationMethod.Cancel)
        {
            blocks.Add(new Paragraph(CancellationSentence(invitation, title, organizer, cancelledOccurrence, culture, en)));
            blocks.Add(new Details([(en ? "When" : "Wanneer", Range(first, culture))]));
            blocks.Add(new Paragraph(en
                ? "Opening the attached calendar update removes the meeting from your calendar; most calendars do so on their own."
                : "Met de bijgevoegde agenda-update verdwijnt de afspraak uit je agenda; de meeste agenda's doen dat vanzelf."));
        }
        else
        {
            blocks.Add(new Paragraph(RequestSentence(invitation, title, organizer, en)));
            blocks.Add(new Details(DetailLines(invitation, upcoming, first, culture, en)));
            if (!string.IsNullOrWhiteSpace(invitation.Description))
            {
                blocks.Add(new Heading("Agenda"));
                blocks.Add(new Paragraph(invitation.Description.Trim()));
            }
            blocks.Add(new Paragraph(en
                ? "Will you come? Answer with one click, no account needed:"
                : "Kom je? Antwoord met één klik, je hebt geen account nodig:"));
            blocks.Add(new Links(links.Select(l => (AnswerLabel(l.Answer, en), l.Link)).ToList()));
            blocks.Add(new Paragraph(en
                ? "The invitation is attached too (invite.ics), for calendars that do not pick it up on their own."
                : "De uitnodiging zit ook in bijlage (invite.ics), voor agenda's die ze niet vanzelf oppikken."));
        }
        return new InvitationText(subject, Plain(blocks), Html(blocks, en ? "en" : "nl"));
    }

    /// <summary>"dinsdag 10 maart 2026, 09:30–12:00" in Brussels time; a meeting over midnight names both days.</summary>
    public static string Range((DateTimeOffset Start, DateTimeOffset End) period, CultureInfo culture)
    {
        var start = BrusselsTime.ToLocal(period.Start);
        var end = BrusselsTime.ToLocal(period.End);
        var day = Date(period.Start, culture);
        return start.Date == end.Date
            ? $"{day}, {start:HH:mm}–{end:HH:mm}"
            : $"{day}, {start:HH:mm} – {Date(period.End, culture)}, {end:HH:mm}";
    }

    private static string Date(DateTimeOffset instant, CultureInfo culture) =>
        BrusselsTime.ToLocal(instant).ToString("dddd d MMMM yyyy", culture);

    private static string RequestSentence(InvitationEvent invitation, string title, string organizer, bool en) =>
        (invitation.OccurrenceOf is not null, invitation.IsUpdate, en) switch
        {
            (true, _, false) => $"{organizer} heeft één bijeenkomst van “{title}” gewijzigd. Zo ziet ze er nu uit:",
            (true, _, true) => $"{organizer} has changed one meeting of “{title}”. This is how it stands now:",
            (false, true, false) => $"{organizer} heeft “{title}” gewijzigd. Zo ziet het er nu uit:",
            (false, true, true) => $"{organizer} has changed “{title}”. This is how it stands now:",
            (false, false, false) => $"{organizer} nodigt je uit voor “{title}”.",
            (false, false, true) => $"{organizer} invites you to “{title}”.",
        };

    private static string CancellationSentence(InvitationEvent invitation, string title, string organizer, DateTimeOffset? occurrence, CultureInfo culture, bool en)
    {
        if (invitation.RecipientRemoved)
        {
            return en
                ? $"{organizer} has taken you off the guest list of “{title}”. The meeting itself goes on without you."
                : $"{organizer} heeft je van de uitnodigingslijst van “{title}” gehaald. Het overleg zelf gaat door, zonder jou.";
        }
        if (occurrence is { } at)
        {
            return en
                ? $"The meeting of “{title}” on {Date(at, culture)} is cancelled. The other dates stay as they are."
                : $"De bijeenkomst van “{title}” op {Date(at, culture)} gaat niet door. De andere data blijven staan.";
        }
        return en ? $"“{title}” is cancelled by {organizer}." : $"“{title}” gaat niet door: {organizer} heeft het geannuleerd.";
    }

    private static List<(string Label, string Value)> DetailLines(InvitationEvent invitation, IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> upcoming,
        (DateTimeOffset Start, DateTimeOffset End) first, CultureInfo culture, bool en)
    {
        var lines = new List<(string, string)> { (en ? "When" : "Wanneer", Range(first, culture)) };
        if (!string.IsNullOrWhiteSpace(invitation.RecurrenceRule) && upcoming.Count > 1)
        {
            lines.Add((en ? "Then" : "Daarna", string.Join("; ", upcoming.Skip(1).Select(o => Range(o, culture)))));
        }
        if (invitation.Status == InvitationStatus.Tentative)
        {
            lines.Add((en ? "Status" : "Status", en ? "not yet final" : "nog niet definitief"));
        }
        if (!string.IsNullOrWhiteSpace(invitation.Location)) lines.Add((en ? "Where" : "Waar", invitation.Location.Trim()));
        if (invitation.OnlineUrl is not null) lines.Add(("Online", invitation.OnlineUrl.AbsoluteUri));
        lines.Add((en ? "Organiser" : "Organisator", invitation.Organizer.Name.Trim()));
        return lines;
    }

    /// <summary>Ja, Misschien, Nee (Yes, Maybe, No): the labels of the answer links.</summary>
    internal static string AnswerLabel(RsvpAnswer answer, bool en) => (answer, en) switch
    {
        (RsvpAnswer.Accepted, false) => "Ja",
        (RsvpAnswer.Tentative, false) => "Misschien",
        (RsvpAnswer.Declined, false) => "Nee",
        (RsvpAnswer.Accepted, true) => "Yes",
        (RsvpAnswer.Tentative, true) => "Maybe",
        _ => "No",
    };

    private static string Plain(List<Block> blocks)
    {
        var text = new StringBuilder();
        foreach (var block in blocks)
        {
            switch (block)
            {
                case Paragraph p:
                    text.Append(p.Text).Append("\n\n");
                    break;
                case Heading h:
                    text.Append(h.Text).Append(":\n");
                    break;
                case Details d:
                    foreach (var (label, value) in d.Lines) text.Append(label).Append(": ").Append(value).Append('\n');
                    text.Append('\n');
                    break;
                case Links l:
                    foreach (var (label, link) in l.Items) text.Append(label).Append(": ").Append(link.AbsoluteUri).Append('\n');
                    text.Append('\n');
                    break;
            }
        }
        return text.ToString().TrimEnd() + "\n";
    }

    private static string Html(List<Block> blocks, string language)
    {
        var html = new StringBuilder($"<!DOCTYPE html>\n<html lang=\"{language}\"><head><meta charset=\"utf-8\"></head><body>\n");
        foreach (var block in blocks)
        {
            switch (block)
            {
                case Paragraph p:
                    html.Append("<p>").Append(Encode(p.Text)).Append("</p>\n");
                    break;
                case Heading h:
                    html.Append("<h3>").Append(Encode(h.Text)).Append("</h3>\n");
                    break;
                case Details d:
                    html.Append("<table>\n");
                    foreach (var (label, value) in d.Lines)
                    {
                        html.Append("<tr><th align=\"left\" valign=\"top\">").Append(Encode(label)).Append("</th><td>").Append(Encode(value)).Append("</td></tr>\n");
                    }
                    html.Append("</table>\n");
                    break;
                case Links l:
                    html.Append("<p>").AppendJoin(" &nbsp; ", l.Items.Select(i =>
                        $"<a href=\"{WebUtility.HtmlEncode(i.Link.AbsoluteUri)}\" style=\"padding:6px 14px;border:1px solid #555;border-radius:4px;text-decoration:none\">{Encode(i.Label)}</a>"))
                        .Append("</p>\n");
                    break;
            }
        }
        return html.Append("</body></html>\n").ToString();
    }

    /// <summary>Text as HTML text: encoded, line breaks kept.</summary>
    private static string Encode(string text) => WebUtility.HtmlEncode(text).Replace("\r\n", "\n").Replace("\n", "<br>\n");

    private abstract record Block;

    private sealed record Paragraph(string Text) : Block;

    private sealed record Heading(string Text) : Block;

    private sealed record Details(List<(string Label, string Value)> Lines) : Block;

    private sealed record Links(List<(string Label, Uri Link)> Items) : Block;
}
