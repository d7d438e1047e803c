using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Netwerk.Web.Invitations;

/// <summary>What an answer link lets its holder do: answer for this person, to this meeting (or occurrence), until then.</summary>
public sealed record RsvpGrant
{
    public required string MeetingId { get; init; }

    public required string PersonId { get; init; }

    /// <summary>The SEQUENCE of the invitation the link came with, so an answer to an outdated version can be recognised.</summary>
    public required int Sequence { get; init; }

    /// <summary>The original start of the one occurrence the answer is about; null for the whole meeting or series.</summary>
    public DateTimeOffset? Occurrence { get; init; }

    /// <summary>The link stops working at this instant (whole seconds).</summary>
    public required DateTimeOffset ExpiresAt { get; init; }
}

/// <summary>The three answers a link can carry: ja, misschien, nee.</summary>
public enum RsvpAnswer
{
    Accepted,
    Tentative,
    Declined,
}

public enum RsvpTokenState
{
    Valid,

    /// <summary>Not made with our key, altered, truncated or not a token at all. Says nothing more, on purpose.</summary>
    Invalid,

    /// <summary>Authentic but past its expiry; <see cref="RsvpTokenCheck.Grant"/> says for what, so the page can say so.</summary>
    Expired,
}

/// <summary>The result of <see cref="RsvpTokens.Verify"/>: the grant of an authentic token, null for an invalid one.</summary>
public sealed record RsvpTokenCheck(RsvpTokenState State, RsvpGrant? Grant)
{
    public bool IsValid => State == RsvpTokenState.Valid;
}

/// <summary>
/// Signed, URL-safe answer tokens for invitation mails, which need no login: <c>base64url(payload).base64url(HMAC-SHA256)</c>.
/// The answer itself is not in the token but beside it in the link, so one token serves the three links and the
/// recipient can change their mind. Key from <c>Invitations:RsvpKey</c> (see <see cref="InvitationOptions.RsvpKey"/>).
/// </summary>
public sealed class RsvpTokens
{
    // Far more than any real token (two ids of at most 128 characters); refuses junk before any work is spent on it.
    private const int LongestToken = 1024;
    private const byte FormatVersion = 1;

    // Domain separation: a MAC made with this key for another purpose can never pass as an answer token.
    private static readonly byte[] Purpose = Encoding.ASCII.GetBytes("netwerk/rsvp/v1\0");

    private readonly byte[] _key;
    private readonly TimeProvider _clock;
    private readonly Uri _baseUrl;

    public RsvpTokens(IOptions<InvitationOptions> options, IHostEnvironment environment, TimeProvider clock, ILogger<RsvpTokens> logger)
    {
        var settings = options.Value;
        _clock = clock;
        _baseUrl = new Uri(string.IsNullOrWhiteSpace(settings.PublicBaseUrl) ? InvitationOptions.DevelopmentBaseUrl : settings.PublicBaseUrl, UriKind.Absolute);
        if (InvitationOptions.TryDecodeKey(settings.RsvpKey, out var key))
        {
            _key = key;
        }
        else if (string.IsNullOrWhiteSpace(settings.RsvpKey) && InvitationsSetup.IsDevelopmentOrTesting(environment))
        {
            _key = RandomNumberGenerator.GetBytes(InvitationOptions.MinimumKeyBytes);
            logger.LogWarning("{Section}:RsvpKey is not set: answer links in invitations are signed with a key of this process only "
                + "and stop working when it stops. Set it (openssl rand -base64 32) to keep them working.", InvitationOptions.Section);
        }
        else
        {
            // Start-up validation says this first; this guards a container built without it.
            throw new InvalidOperationException($"{InvitationOptions.Section}:RsvpKey must be base64 of at least {InvitationOptions.MinimumKeyBytes} random bytes.");
        }
    }

    /// <summary>A token for <paramref name="grant"/>; the same grant gives the same token.</summary>
    public string Issue(RsvpGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentException.ThrowIfNullOrWhiteSpace(grant.MeetingId);
        ArgumentException.ThrowIfNullOrWhiteSpace(grant.PersonId);
        ArgumentOutOfRangeException.ThrowIfNegative(grant.Sequence);
        var payload = Write(grant);
        return $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(Sign(payload))}";
    }

    /// <summary>
    /// Checks the signature in constant time, then the expiry against the clock. Anything malformed is
    /// <see cref="RsvpTokenState.Invalid"/>, never an exception: the token comes from the internet.
    /// </summary>
    public RsvpTokenCheck Verify(string? token)
    {
        var invalid = new RsvpTokenCheck(RsvpTokenState.Invalid, null);
        if (string.IsNullOrEmpty(token) || token.Length > LongestToken) return invalid;
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot != token.LastIndexOf('.')) return invalid;
        if (!TryDecode(token.AsSpan(0, dot), out var payload) || !TryDecode(token.AsSpan(dot + 1), out var signature)) return invalid;
        if (!CryptographicOperations.FixedTimeEquals(signature, Sign(payload))) return invalid;
        // Only an authentic payload is read, so a parser bug cannot be reached by a forged one.
        if (Read(payload) is not { } grant) return invalid;
        return new RsvpTokenCheck(_clock.GetUtcNow() < grant.ExpiresAt ? RsvpTokenState.Valid : RsvpTokenState.Expired, grant);
    }

    /// <summary>
    /// <c>&lt;base&gt;/rsvp/&lt;token&gt;?answer=accepted</c>. Opening the link records nothing: the page shows the meeting
    /// and answers with a POST when the person clicks, so a mail scanner that fetches every link cannot answer. The
    /// token is in the path (it may reach access logs; it lets its holder do no more than answer for this one person).
    /// </summary>
    public Uri Link(string token, RsvpAnswer answer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        return new Uri(_baseUrl, $"/rsvp/{token}?answer={AnswerCode(answer)}");
    }

    /// <summary>The answer as links and the API spell it: accepted, tentative, declined.</summary>
    public static string AnswerCode(RsvpAnswer answer) => answer switch
    {
        RsvpAnswer.Accepted => "accepted",
        RsvpAnswer.Tentative => "tentative",
        RsvpAnswer.Declined => "declined",
        _ => throw new ArgumentOutOfRangeException(nameof(answer), answer, null),
    };

    /// <summary>The iCalendar PARTSTAT of an answer (ACCEPTED, TENTATIVE, DECLINED).</summary>
    public static string ParticipationStatus(RsvpAnswer answer) => AnswerCode(answer).ToUpperInvariant();

    /// <summary>Reads accepted/tentative/declined, and the Dutch ja/misschien/nee the links are labelled with; case does not matter.</summary>
    public static bool TryParseAnswer(string? text, out RsvpAnswer answer)
    {
        RsvpAnswer? parsed = text?.Trim().ToLowerInvariant() switch
        {
            "accepted" or "ja" or "yes" => RsvpAnswer.Accepted,
            "tentative" or "misschien" or "maybe" => RsvpAnswer.Tentative,
            "declined" or "nee" or "no" => RsvpAnswer.Declined,
            _ => null,
        };
        answer = parsed ?? default;
        return parsed is not null;
    }

    private byte[] Sign(byte[] payload)
    {
        using var hmac = new HMACSHA256(_key);
        hmac.TransformBlock(Purpose, 0, Purpose.Length, null, 0);
        hmac.TransformFinalBlock(payload, 0, payload.Length);
        return hmac.Hash!;
    }

    private static byte[] Write(RsvpGrant grant)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(FormatVersion);
            writer.Write(grant.MeetingId);
            writer.Write(grant.PersonId);
            writer.Write(grant.Sequence);
            writer.Write(grant.Occurrence is not null);
            writer.Write(grant.Occurrence?.ToUnixTimeSeconds() ?? 0);
            writer.Write(grant.ExpiresAt.ToUnixTimeSeconds());
        }
        return buffer.ToArray();
    }

    private static RsvpGrant? Read(byte[] payload)
    {
        using var reader = new BinaryReader(new MemoryStream(payload), Encoding.UTF8);
        try
        {
            if (reader.ReadByte() != FormatVersion) return null;
            var meetingId = reader.ReadString();
            var personId = reader.ReadString();
            var sequence = reader.ReadInt32();
            var hasOccurrence = reader.ReadBoolean();
            var occurrence = reader.ReadInt64();
            var expiresAt = reader.ReadInt64();
            if (reader.BaseStream.Position != payload.Length) return null;
            return new RsvpGrant
            {
                MeetingId = meetingId,
                PersonId = personId,
                Sequence = sequence,
                Occurrence = hasOccurrence ? DateTimeOffset.FromUnixTimeSeconds(occurrence) : null,
                ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(expiresAt),
            };
        }
        catch (Exception error) when (error is EndOfStreamException or IOException or FormatException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static bool TryDecode(ReadOnlySpan<char> text, out byte[] bytes)
    {
        bytes = [];
        if (text.IsEmpty || !Base64Url.IsValid(text, out var length)) return false;
        bytes = new byte[length];
        if (!Base64Url.TryDecodeFromChars(text, bytes, out var written) || written != length) return false;
        // Only the canonical spelling: otherwise a changed last character (spare bits) or added padding would still pass.
        return text.SequenceEqual(Base64Url.EncodeToString(bytes));
    }
}
