using System.Text;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Netwerk.Web.Mail;

/// <summary>
/// The folder of .eml files that stands in for an SMTP server when none is configured (<c>Smtp:OutboxPath</c>).
/// Files are complete before they appear: written under a temporary name, flushed to disk, then renamed.
/// </summary>
public sealed class MailOutbox(IOptions<MailOptions> options, TimeProvider clock, ILogger<MailOutbox> logger)
{
    // RFC 5322 wants CRLF; MimeKit's default on Linux is LF, which mail clients opening the file do not all accept.
    private static readonly FormatOptions FileFormat = CreateFileFormat();

    /// <summary>The absolute folder path (resolved against the content root at start).</summary>
    public string FolderPath => options.Value.OutboxPath;

    /// <summary>Writes <c>&lt;yyyyMMdd-HHmmss UTC&gt;-&lt;Message-Id&gt;.eml</c> and returns its path.</summary>
    internal async Task<string> WriteAsync(MimeMessage message, string messageId, Action? committing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Directory.CreateDirectory(FolderPath);
        var path = Path.Combine(FolderPath, $"{clock.GetUtcNow():yyyyMMdd-HHmmss}-{FileSafe(messageId)}.eml");
        // The temporary name does not end in .eml, so neither a reader of the folder nor RemoveOutboxFilesFor sees half a message.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 16384, FileOptions.Asynchronous))
            {
                await message.WriteToAsync(FileFormat, stream, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }
            committing?.Invoke();
            // The same Message-Id within the same second is the same message sent again: one file is right.
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
        return path;
    }

    /// <summary>
    /// The outbox files addressed to <paramref name="emailAddress"/> in To, Cc or Bcc. Headers are parsed, so an address
    /// in a subject, a body or a display name does not count, and case and IDN spelling (xn--) do not matter.
    /// </summary>
    public async Task<IReadOnlyList<string>> FilesFor(string emailAddress, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(emailAddress);
        if (!Directory.Exists(FolderPath)) return [];
        var wanted = Normalize(emailAddress);
        var files = new List<string>();
        foreach (var file in Directory.EnumerateFiles(FolderPath, "*.eml"))
        {
            IReadOnlyList<MailboxAddress> recipients;
            try
            {
                recipients = await ReadRecipientsAsync(file, cancellationToken);
            }
            catch (Exception error) when (error is IOException or FormatException or UnauthorizedAccessException)
            {
                logger.LogWarning(error, "Outbox file {File} could not be read", file);
                continue;
            }
            if (recipients.Any(r => string.Equals(Normalize(r.Address), wanted, StringComparison.OrdinalIgnoreCase))) files.Add(file);
        }
        return files;
    }

    /// <summary>Deletes every outbox file addressed to <paramref name="emailAddress"/> (erasure of personal data); returns how many.</summary>
    public async Task<int> RemoveOutboxFilesFor(string emailAddress, CancellationToken cancellationToken = default)
    {
        var files = await FilesFor(emailAddress, cancellationToken);
        foreach (var file in files) File.Delete(file);
        logger.LogInformation("Removed {Count} outbox files addressed to an erased person", files.Count);
        return files.Count;
    }

    private static async Task<IReadOnlyList<MailboxAddress>> ReadRecipientsAsync(string file, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 16384, FileOptions.Asynchronous);
        var headers = await new MimeParser(stream, MimeFormat.Entity).ParseHeadersAsync(cancellationToken);
        var recipients = new List<MailboxAddress>();
        foreach (var header in headers)
        {
            if (header.Id is not (HeaderId.To or HeaderId.Cc or HeaderId.Bcc)) continue;
            if (InternetAddressList.TryParse(ParserOptions.Default, header.RawValue, out var list)) recipients.AddRange(list.Mailboxes);
        }
        return recipients;
    }

    private static string Normalize(string address)
    {
        var trimmed = address.Trim();
        try
        {
            return MailboxAddress.DecodeAddrspec(trimmed);
        }
        catch (ArgumentException)
        {
            return trimmed;
        }
    }

    private static string FileSafe(string messageId)
    {
        var safe = new StringBuilder(messageId.Length);
        foreach (var c in messageId.Trim('<', '>'))
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
            if (safe.Length == 120) break;
        }
        return safe.ToString();
    }

    private static FormatOptions CreateFileFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }
}
