using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Utils;

namespace Netwerk.Web.Mail;

/// <summary>The product's own sender address, parsed once from <c>Smtp:From</c>.</summary>
public sealed class MailAddresses
{
    private readonly string _fromName;
    private readonly string _fromAddress;

    public MailAddresses(IOptions<MailOptions> options)
    {
        var configured = string.IsNullOrWhiteSpace(options.Value.From) ? MailOptions.OutboxDefaultFrom : options.Value.From;
        if (!TryParseMailbox(configured, out var from))
        {
            throw new InvalidOperationException($"{MailOptions.Section}:From is not one mail address: '{configured}'.");
        }
        _fromName = from.Name ?? "";
        _fromAddress = from.Address;
    }

    /// <summary>
    /// A new instance on every call: MimeKit's address lists subscribe to the change events of the addresses they
    /// hold, so one shared instance would tie every message ever composed to each other.
    /// </summary>
    public MailboxAddress From => new(_fromName, _fromAddress);

    public string FromAddress => _fromAddress;

    /// <summary>One mailbox with a domain, such as <c>Zoë Claes &lt;zoe@example.org&gt;</c> or <c>zoe@example.org</c>.</summary>
    public static bool TryParseMailbox(string? text, [NotNullWhen(true)] out MailboxAddress? mailbox)
    {
        mailbox = null;
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (!MailboxAddress.TryParse(ParserOptions.Default, text.Trim(), out var parsed)) return false;
        if (string.IsNullOrEmpty(parsed.LocalPart) || string.IsNullOrEmpty(parsed.Domain)) return false;
        mailbox = parsed;
        return true;
    }

    /// <summary>
    /// Readies a message for either route alike: the configured sender when its composer set none, a Message-Id when
    /// it has none, and a refusal without recipients, so the outbox refuses what SMTP would. Returns the Message-Id.
    /// </summary>
    public string Prepare(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.From.Count == 0) message.From.Add(From);
        var messageId = message.MessageId;
        if (string.IsNullOrEmpty(messageId))
        {
            messageId = MimeUtils.GenerateMessageId(message.From.Mailboxes.FirstOrDefault()?.Domain ?? "localhost");
            message.MessageId = messageId;
        }
        if (!message.To.Mailboxes.Concat(message.Cc.Mailboxes).Concat(message.Bcc.Mailboxes).Any())
        {
            throw new MailDeliveryException(MailFailure.Unsendable, permanent: true, $"Mail {messageId} has no recipient in To, Cc or Bcc.");
        }
        return messageId;
    }
}
