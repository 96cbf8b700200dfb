namespace Oso.Conformance;

/// <summary>One scripted check: its id, Dutch title, the paragraph of docs/protocol.md it checks, and the run (which returns what it saw).</summary>
internal sealed record Scenario(string Id, string Titel, string Paragraaf, bool Verplicht, Func<CancellationToken, Task<string>> Uitvoeren);

/// <summary>Paragraph names of docs/protocol.md, one spelling for every scenario.</summary>
internal static class Par
{
    public const string Transport = "protocol.md §1 Transport and envelope";
    public const string Velden = "protocol.md §2 Field values";
    public const string Overdracht = "protocol.md §3 overdracht";
    public const string Document = "protocol.md §3 document";
    public const string Sessiecontrole = "protocol.md §3 sessiecontrole";
    public const string Afmelding = "protocol.md §3 afmelding";
    public const string MeldenNotificatie = "protocol.md §3 meldenNotificatie";
    public const string Notificatie = "protocol.md §3 notificatie";
    public const string Overzicht = "protocol.md §3 overzichtAanleverpunt";
    public const string Ingebed = "protocol.md §4 Embedded documents";
    public const string Resultaten = "protocol.md §5 Result codes";
    public const string Fouten = "protocol.md §6 SOAP faults";
    public const string Zoeksleutel = "protocol.md §7 Zoeksleutel";
    public const string Certificaten = "protocol.md §8 Certificates and mTLS";
    public const string Grenzen = "protocol.md §9 Limits";
    public const string Contract = "protocol.md §13 WSDL and XSD";
    public const string Autorisatie = "protocol.md §14 Authorization";
}
