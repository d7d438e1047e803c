using System.Globalization;
using Microsoft.Net.Http.Headers;
using Netwerk.Web.Problems;

namespace Netwerk.Web.Http;

/// <summary>Versions as HTTP entity tags: responses carry <c>ETag: "N"</c>; PUT and DELETE need <c>If-Match: "N"</c>.</summary>
public static class Versioning
{
    public static string ETagFor(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static void SetETag(this HttpResponse response, long version) => response.Headers.ETag = ETagFor(version);

    /// <summary>The version a write expects; a missing header is 428, a malformed one 400.</summary>
    public static long RequiredIfMatch(this HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header)) throw new RequestProblemException(StatusCodes.Status428PreconditionRequired, "if-match-required");
        if (EntityTagHeaderValue.TryParse(header, out var tag) && !tag.IsWeak
            && long.TryParse(tag.Tag.AsSpan(1, tag.Tag.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return version;
        }
        throw new RequestProblemException(StatusCodes.Status400BadRequest, "if-match-malformed");
    }
}
