namespace Oso.Central.Portal;

/// <summary>A message shown after a redirect.</summary>
/// <param name="Tekst">Dutch text.</param>
/// <param name="Soort">CSS class: success, warning or error.</param>
internal sealed record Melding(string Tekst, string Soort);

/// <summary>The messages a redirect can carry (<c>?melding=…</c>): fixed texts, so a link cannot put words in the portal's mouth.</summary>
internal static class Meldingen
{
    public const string Uitgelogd = "uitgelogd";
    public const string AanmeldingVerlopen = "aanmelding-verlopen";
    public const string WachtOpVerificatie = "wacht-op-verificatie";
    public const string Geblokkeerd = "geblokkeerd";
    public const string TweestapsAan = "tweestaps-aan";
    public const string TeGroot = "te-groot";
    public const string Ingediend = "ingediend";
    public const string Geverifieerd = "geverifieerd";
    public const string Beoordeeld = "beoordeeld";
    public const string Ingetrokken = "ingetrokken";
    public const string MandaatToegevoegd = "mandaat-toegevoegd";
    public const string MandaatBeeindigd = "mandaat-beeindigd";
    public const string SessieVerlopen = "sessie-verlopen";
    public const string HerstelcodeGebruikt = "herstelcode-gebruikt";
    public const string TweestapsHersteld = "tweestaps-hersteld";

    public static Melding? Van(string? code) => code switch
    {
        Uitgelogd => new("U bent uitgelogd.", "success"),
        AanmeldingVerlopen => new("De tijd om de code in te vullen is verstreken. Log opnieuw in.", "warning"),
        WachtOpVerificatie => new("Uw account wacht nog op verificatie door de OSO-servicedesk. U krijgt bericht zodra u kunt inloggen.", "warning"),
        Geblokkeerd => new("Uw account is geblokkeerd. Neem contact op met de OSO-servicedesk.", "error"),
        TweestapsAan => new("Tweestapsverificatie staat aan. Voortaan logt u in met uw wachtwoord en een code uit uw authenticator-app.", "success"),
        TeGroot => new("Het bestand is veel te groot. Een bewijsstuk is hoogstens 5 MB.", "error"),
        Ingediend => new("Uw bewijs is ingediend. De OSO-servicedesk beoordeelt het; de status ziet u hieronder.", "success"),
        Geverifieerd => new("Het account is geverifieerd; de school kan nu inloggen.", "success"),
        Beoordeeld => new("De beoordeling is opgeslagen en de kwalificatie van de school is bijgewerkt.", "success"),
        Ingetrokken => new("De deelname is ingetrokken. Het Traffic Center weigert vanaf nu elke overdracht waarbij zij betrokken is.", "success"),
        MandaatToegevoegd => new("Het mandaat is vastgelegd.", "success"),
        MandaatBeeindigd => new("Het mandaat is beëindigd; het geldt nog tot en met vandaag.", "success"),
        SessieVerlopen => new("Uw sessie is verlopen: u was een tijd niet actief, of langer ingelogd dan een werkdag. Log opnieuw in; daarna gaat u verder op de pagina waar u was.", "warning"),
        HerstelcodeGebruikt => new("U bent ingelogd met een herstelcode; die code werkt nu niet meer. Telefoon kwijt? Vraag de OSO-servicedesk uw tweestapsverificatie opnieuw in te stellen.", "warning"),
        TweestapsHersteld => new("De tweestapsverificatie is uitgezet. Bij de volgende aanmelding stelt de gebruiker haar opnieuw in; open sessies en herstelcodes zijn vervallen.", "success"),
        _ => null,
    };
}
