using System.Text;

namespace Netwerk.Web.Spreadsheets;

/// <summary>
/// Writes the phone numbers people type in sheets ("0475 12 34 56", "056/23.45.67", "0032 9 123 45 67",
/// "+32 (0)56 ...", a mobile number Excel stored as 475123456) in one international form: "+32 475 12 34 56",
/// "+32 56 23 45 67", "+32 9 123 45 67". Foreign numbers keep their digits after the country code.
/// </summary>
public static class PhoneNumbers
{
    // Belgian zones with a one-digit area code: Brussels, Antwerp, Liège, Ghent.
    private static readonly char[] ShortZones = ['2', '3', '4', '9'];

    /// <summary>The normalised number, or null when the text is not recognisably one phone number.</summary>
    public static string? Normalise(string text)
    {
        var raw = text.Trim();
        if (raw.StartsWith("tel", StringComparison.OrdinalIgnoreCase)) raw = raw.TrimStart('t', 'T', 'e', 'E', 'l', 'L', '.', ':', ' ');
        raw = raw.Replace("(0)", "", StringComparison.Ordinal);
        if (raw.Any(c => !(char.IsAsciiDigit(c) || c is ' ' or '.' or '/' or '-' or '(' or ')' or '+'))) return null;
        var plus = raw.StartsWith('+');
        var digits = new string([.. raw.Where(char.IsAsciiDigit)]);
        if (!plus && digits.StartsWith("00", StringComparison.Ordinal))
        {
            plus = true;
            digits = digits[2..];
        }
        if (plus)
        {
            if (!digits.StartsWith("32", StringComparison.Ordinal))
                return digits.Length is >= 8 and <= 15 ? $"+{digits[..2]} {digits[2..]}" : null;
            return Belgian(digits[2..]);
        }
        if (digits.StartsWith('0')) return Belgian(digits[1..]);
        // Excel drops the leading zero of a number typed as 0475123456; 32475123456 lost its plus.
        if (digits.Length == 9 && digits[0] == '4') return Belgian(digits);
        if (digits.Length is 10 or 11 && digits.StartsWith("32", StringComparison.Ordinal)) return Belgian(digits[2..]);
        if (digits.Length == 8) return Belgian(digits);
        return null;
    }

    private static string? Belgian(string national)
    {
        if (national.StartsWith('0')) national = national[1..];
        // Mobile: 4xx xx xx xx (9 digits); land line: 8 digits with a one- or two-digit zone.
        if (national.Length == 9 && national[0] == '4') return Group("+32", national[..3], national[3..5], national[5..7], national[7..]);
        if (national.Length != 8) return null;
        return ShortZones.Contains(national[0])
            ? Group("+32", national[..1], national[1..4], national[4..6], national[6..])
            : Group("+32", national[..2], national[2..4], national[4..6], national[6..]);
    }

    private static string Group(params string[] parts) => new StringBuilder().AppendJoin(' ', parts).ToString();
}
