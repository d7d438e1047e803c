using System.Security.Cryptography;
using System.Text;

namespace Netwerk.Web.Access;

/// <summary>
/// Random secrets for sign-in links, API tokens and calendar feeds, and the hash the store keeps instead. The secrets carry
/// 256 random bits, so a fast hash (SHA-256) is enough: there is nothing to guess that a slow hash would protect.
/// </summary>
public static class Secrets
{
    public const string ApiTokenPrefix = "nwk_";

    /// <summary>Marks a calendar feed's token, so secret scanners and people can tell what a leaked one is.</summary>
    public const string CalendarFeedPrefix = "nwf_";

    public static string NewSignInLink() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string NewApiToken() => ApiTokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string NewCalendarFeedToken() => CalendarFeedPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Compares in constant time, so response timing does not reveal how much of a guess was right.</summary>
    public static bool SameSecret(string? given, string? expected) =>
        given is not null && expected is not null
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
