namespace Oso.Hosting.Accounts;

/// <summary>How a person's identity was checked before their two-step verification was reset (a lost phone).</summary>
public enum IdentityCheckMethod
{
    /// <summary>Called back on a number from one's own records or a public source — not the number the caller gave.</summary>
    CalledBack,

    /// <summary>Seen in person, with an identity document.</summary>
    InPerson,

    /// <summary>A video call in which the person showed an identity document.</summary>
    VideoCall,

    /// <summary>Confirmed by a known manager or administrator of the person's organisation.</summary>
    ConfirmedByManager,
}

/// <summary>What the operator (Central's servicedesk, a school's beheerder, the node administrator) checked, as audited.</summary>
/// <param name="Method">How.</param>
/// <param name="Note">What exactly (who was called, on which number from where) — no document numbers or BSNs.</param>
public sealed record IdentityCheck(IdentityCheckMethod Method, string Note)
{
    /// <summary>The longest note.</summary>
    public const int MaxNote = 300;

    /// <summary>The methods with their Dutch labels, in the order a form offers them.</summary>
    public static IReadOnlyList<(IdentityCheckMethod Method, string Value, string Label)> Methods { get; } =
    [
        (IdentityCheckMethod.CalledBack, "teruggebeld", "Teruggebeld op een nummer uit onze eigen gegevens of een openbare bron (niet het nummer dat de beller gaf)"),
        (IdentityCheckMethod.InPerson, "persoonlijk", "Persoonlijk gezien, met een legitimatiebewijs"),
        (IdentityCheckMethod.VideoCall, "video", "Videogesprek waarin de persoon een legitimatiebewijs liet zien"),
        (IdentityCheckMethod.ConfirmedByManager, "leidinggevende", "Bevestigd door een bekende leidinggevende of beheerder van de organisatie"),
    ];

    /// <summary>The method's Dutch label.</summary>
    public string Label => Methods.First(m => m.Method == Method).Label;

    /// <summary>For the audit record: how and what, in Dutch.</summary>
    public string AuditText => $"identiteit gecontroleerd: {Methods.First(m => m.Method == Method).Value}; {Note}";

    /// <summary>
    /// Reads the form or command line: a method (its value, e.g. <c>teruggebeld</c>) and a note of 5 to 300 characters.
    /// Returns the check, or the field and the Dutch reason it is refused.
    /// </summary>
    public static (IdentityCheck? Check, string? Field, string? Error) Parse(string? method, string? note)
    {
        var found = Methods.Where(m => string.Equals(m.Value, method?.Trim(), StringComparison.OrdinalIgnoreCase)).Select(m => (IdentityCheckMethod?)m.Method).FirstOrDefault();
        if (found is null) return (null, "identiteit", "Kies hoe u de identiteit heeft gecontroleerd.");
        var text = string.Join(' ', (note ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length < 5) return (null, "toelichting", "Beschrijf wat u heeft gecontroleerd, bijvoorbeeld wie u belde op welk nummer uit welke bron.");
        if (text.Length > MaxNote) return (null, "toelichting", $"De toelichting is te lang (hoogstens {MaxNote} tekens).");
        return (new IdentityCheck(found.Value, text), null, null);
    }
}
