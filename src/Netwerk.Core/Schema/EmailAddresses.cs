using System.Net.Mail;
using System.Text.RegularExpressions;

namespace Netwerk.Core.Schema;

/// <summary>What counts as an e-mail address everywhere in Netwerk: one plain address, no display name, a dot in the domain.</summary>
public static partial class EmailAddresses
{
    public static bool IsValid(string text) =>
        text.Length <= 320 && EmailPattern().IsMatch(text) && MailAddress.TryCreate(text, out var address) && address.Address == text;

    [GeneratedRegex(@"^[^@\s<>""]+@[^@\s<>""]+\.[^@\s<>""]+\z")]
    private static partial Regex EmailPattern();
}
