using System.Net.Mail;
using Oso.School.Tenancy;

namespace Oso.School.Privacy;

/// <summary>
/// Whom parents ask about privacy at a school (AVG art. 13: the contact details of the controller and of its data
/// protection officer): set per school by the node's operator (<c>oso school privacy BRIN …</c>) and shown on the
/// parents' pages and in the access download.
/// </summary>
/// <param name="Naam">A name or a role ("de functionaris gegevensbescherming van Stichting X").</param>
/// <param name="Email">An e-mail address.</param>
/// <param name="Telefoon">A telephone number.</param>
public sealed record PrivacyContact(string Naam, string? Email, string? Telefoon)
{
    /// <summary>The school's contact, or null when none is set.</summary>
    public static PrivacyContact? Of(SchoolTenant school)
    {
        ArgumentNullException.ThrowIfNull(school);
        return string.IsNullOrWhiteSpace(school.PrivacyContactName) ? null
            : new PrivacyContact(school.PrivacyContactName, school.PrivacyContactEmail, school.PrivacyContactPhone);
    }

    /// <summary>A Dutch problem with the given values, or null when they can be stored.</summary>
    public static string? Problem(string? naam, string? email, string? telefoon)
    {
        if (string.IsNullOrWhiteSpace(naam) || naam.Length > 200) return "Geef een naam of functie (hoogstens 200 tekens), bijvoorbeeld ‘de functionaris gegevensbescherming van Stichting X’.";
        if (string.IsNullOrWhiteSpace(email) && string.IsNullOrWhiteSpace(telefoon)) return "Geef een e-mailadres of een telefoonnummer, zodat ouders de contactpersoon kunnen bereiken.";
        if (!string.IsNullOrWhiteSpace(email) && (email.Length > 254 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email.Trim()))
            return $"‘{email}’ is geen e-mailadres.";
        if (!string.IsNullOrWhiteSpace(telefoon) && (telefoon.Length > 30 || !telefoon.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '+' or '(' or ')')))
            return $"‘{telefoon}’ is geen telefoonnummer.";
        return null;
    }
}
