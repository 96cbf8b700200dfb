using System.CommandLine;
using System.Text;
using Oso.Central;
using Oso.Central.Accounts;
using Oso.Hosting.Accounts;
using Oso.Protocol.Security;

namespace Oso.Cli.Central;

/// <summary><c>oso central account|user|qualification|cert|session …</c>.</summary>
internal static class AdminCommands
{
    public static Command Account(CliContext context)
    {
        var c = new CentralCommand.Common();
        var wie = new Argument<string>("EMAIL") { Description = "E-mailadres (of id) van het account." };
        var verify = c.AddTo(new Command("verify", "Verifieer het Mijn OSO-account van een school: daarna kan de school het gebruiken.") { wie });
        verify.SetAction((p, ct) => CentralCommand.RunAsync(context, c, p, (a, t) => a.VerifyAccountAsync(p.GetValue(wie)!, t),
            g => $"Account {g.Email} ({g.Rol} {g.Scope}) is actief.", ct));
        var lc = new CentralCommand.Common();
        var status = new Option<AccountStatus?>("--status") { Description = "Alleen accounts met deze status (bijvoorbeeld Aangevraagd)." };
        var list = lc.AddTo(new Command("list", "Toon accounts.") { status });
        list.SetAction((p, ct) => CentralCommand.RunAsync(context, lc, p, async (a, t) => CentralCommand.Ok(await a.AccountsAsync(p.GetValue(status), t)),
            l => Lines(l, g => $"{g.Email,-36} {g.Rol,-11} {g.Scope,-10} {g.Status,-11} 2FA {(g.TweestapsVerificatie ? "aan" : "uit")}"), ct));
        var rc = new CentralCommand.Common();
        var rwie = new Argument<string>("EMAIL") { Description = "E-mailadres (of id) van het account." };
        var identiteit = new Option<string>("--identiteit")
        {
            Description = "Hoe u de identiteit controleerde: " + string.Join("; ", IdentityCheck.Methods.Select(m => $"{m.Value} ({m.Label})")) + ".",
            Required = true,
        };
        identiteit.AcceptOnlyFromAmong(IdentityCheck.Methods.Select(m => m.Value).ToArray());
        var toelichting = new Option<string>("--toelichting") { Description = "Wat u controleerde (komt in het logboek; geen BSN of documentnummer).", Required = true };
        var reset = rc.AddTo(new Command("reset-tweestaps", "Zet de tweestapsverificatie van een account uit (telefoon kwijt), na controle van de identiteit: bij de volgende aanmelding stelt de gebruiker haar opnieuw in.")
        {
            rwie, identiteit, toelichting,
        });
        reset.SetAction((p, ct) => CentralCommand.RunAsync(context, rc, p,
            (a, t) => a.ResetTwoFactorAsync(p.GetValue(rwie)!, p.GetValue(identiteit), p.GetValue(toelichting), t),
            g => $"De tweestapsverificatie van {g.Email} is uitgezet; bij de volgende aanmelding stelt de gebruiker haar opnieuw in.", ct));
        return Group("account", "Mijn OSO-accounts.", verify, list, reset);
    }

    public static Command User(CliContext context)
    {
        var c = new CentralCommand.Common();
        var email = new Option<string>("--email") { Description = "E-mailadres (inlognaam).", Required = true };
        var naam = new Option<string>("--naam") { Description = "Naam.", Required = true };
        var rol = new Option<Rol>("--rol") { Description = "Beheerder, School, Bestuur of Leverancier.", Required = true };
        var scope = new Option<string?>("--scope") { Description = "BRIN (School), bestuurs-id (Bestuur) of systeem-id (Leverancier)." };
        var wachtwoord = new Option<string?>("--wachtwoord") { Description = "Wachtwoord (minstens 12 tekens); anders uit de omgevingsvariabele OSO_WACHTWOORD." };
        var add = c.AddTo(new Command("add", "Maak een actief account aan (beheerders, besturen, leveranciers; scholen melden zich zelf aan).") { email, naam, rol, scope, wachtwoord });
        add.SetAction((p, ct) => CentralCommand.RunAsync(context, c, p, (a, t) => a.AddUserAsync(new NieuweGebruiker(p.GetValue(email)!, p.GetValue(naam)!,
                p.GetValue(wachtwoord) ?? Environment.GetEnvironmentVariable("OSO_WACHTWOORD") ?? "", p.GetValue(rol), p.GetValue(scope)), t),
            g => $"Account {g.Email} ({g.Rol}{(g.Scope is null ? "" : " " + g.Scope)}) aangemaakt; bij de eerste aanmelding stelt de gebruiker tweestapsverificatie in.", ct));
        return Group("user", "Accounts van personen.", add);
    }

    public static Command Qualification(CliContext context)
    {
        var c = new CentralCommand.Common();
        var brin = new Option<string?>("--brin") { Description = "Keur alle onderdelen van de checklist van deze school goed." };
        var systeem = new Option<string?>("--system") { Description = "Kwalificeer dit systeem zonder testuitwisseling." };
        var approve = c.AddTo(new Command("approve", "Keur de kwalificatie in één keer goed (voor gescripte inrichting en demo's).") { brin, systeem });
        approve.SetAction(async (p, ct) =>
        {
            if (p.GetValue(brin) is { } b)
                return await CentralCommand.RunAsync(context, c, p, (a, t) => a.ApproveAllAsync(b, t), Status, ct);
            if (p.GetValue(systeem) is { } s)
                return await CentralCommand.RunAsync(context, c, p, (a, t) => a.ApproveSystemAsync(s, t),
                    i => $"Systeem {i.Id} is gekwalificeerd sinds {i.GekwalificeerdSinds:yyyy-MM-dd HH:mm} ({i.KwalificatieBewijs}).", ct);
            await context.Error.WriteLineAsync("oso: geef --brin of --system.");
            return ExitCodes.Usage;
        });
        var sc = new CentralCommand.Common();
        var sbrin = new Option<string>("--brin") { Description = "De school.", Required = true };
        var status = sc.AddTo(new Command("status", "Toon de checklist en kwalificatie van een school.") { sbrin });
        status.SetAction((p, ct) => CentralCommand.RunAsync(context, sc, p, (a, t) => a.QualificationAsync(p.GetValue(sbrin)!, t), Status, ct));
        return Group("qualification", "Kwalificatie van scholen en systemen.", approve, status);
    }

    public static Command Cert(CliContext context)
    {
        var c = new CentralCommand.Common();
        var systeem = new Option<string>("--system") { Description = "Het systeem-id dat in het certificaat komt.", Required = true };
        var uit = new Option<string>("--output", "-o") { Description = "Map waarin <systeem>.crt.pem, <systeem>.key.pem (modus 600) en ca.crt.pem komen.", Required = true };
        var dagen = new Option<int>("--dagen") { Description = "Geldigheid in dagen (standaard 365).", DefaultValueFactory = _ => 365 };
        var issue = c.AddTo(new Command("issue", "Geef een systeemcertificaat uit van de ontwikkel-CA (bindt urn:oso:systeem:<id>).") { systeem, uit, dagen });
        issue.SetAction((p, ct) => CentralCommand.RunAsync(context, c, p, async (a, t) =>
        {
            var uitkomst = await a.IssueCertificateAsync(p.GetValue(systeem)!, TimeSpan.FromDays(p.GetValue(dagen)), t);
            if (!uitkomst.Gelukt) return Uitkomst.Mislukt<CertificaatInfo>(uitkomst.Fout);
            using var certificaat = uitkomst.Waarde!.Certificaat;
            var map = Path.GetFullPath(p.GetValue(uit)!);
            DevelopmentCertificateAuthority.SavePem(certificaat, map, uitkomst.Waarde.Info.SysteemId);
            await File.WriteAllTextAsync(Path.Combine(map, "ca.crt.pem"), a.TrustAnchorsPem, Encoding.ASCII, t);
            return uitkomst.Waarde.Info;
        }, i => $"Certificaat voor systeem {i.SysteemId} (serienummer {i.Serienummer}, geldig tot {i.GeldigTot:yyyy-MM-dd}) geschreven naar {Path.GetFullPath(p.GetValue(uit)!)}.", ct));
        var rc = new CentralCommand.Common();
        var welk = new Argument<string>("SERIENUMMER") { Description = "Serienummer of SHA-256-vingerafdruk (hex)." };
        var reden = new Option<string>("--reden") { Description = "Waarom (komt in het auditlog).", DefaultValueFactory = _ => "ingetrokken door beheer" };
        var revoke = rc.AddTo(new Command("revoke", "Trek een certificaat in: Central weigert het meteen en publiceert het voor schoolknooppunten.") { welk, reden });
        revoke.SetAction((p, ct) => CentralCommand.RunAsync(context, rc, p, (a, t) => a.RevokeCertificateAsync(p.GetValue(welk)!, p.GetValue(reden)!, null, t),
            i => $"Certificaat {i.Serienummer} van systeem {i.SysteemId} is ingetrokken.", ct));
        var sc = new CentralCommand.Common();
        var csr = new Option<string>("--csr") { Description = "Het certificaatverzoek (PEM) van de node (oso school cert request).", Required = true };
        var naar = new Option<string?>("--out") { Description = "Waar het certificaat komt (standaard naast het verzoek: <naam>.crt.pem); ca.crt.pem komt in dezelfde map." };
        var sdagen = new Option<int>("--dagen") { Description = "Geldigheid in dagen (standaard 365).", DefaultValueFactory = _ => 365 };
        var sign = sc.AddTo(new Command("sign",
            "Teken het certificaatverzoek van een node met de ontwikkel-CA: een servercertificaat (hostnamen) of een systeemcertificaat (één geregistreerd systeem). "
            + "De privésleutel blijft op de node, de sleutel van de CA bij Central.") { csr, naar, sdagen });
        sign.SetAction((p, ct) => CentralCommand.RunAsync(context, sc, p, async (a, t) =>
        {
            var verzoek = Path.GetFullPath(p.GetValue(csr)!);
            string pem;
            try
            {
                pem = await File.ReadAllTextAsync(verzoek, t);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Uitkomst.Mislukt<Getekend>(new Fout(FoutSoort.Ongeldig, "bestand", $"Het verzoek {verzoek} is niet te lezen: {e.Message}"));
            }
            var uitkomst = await a.SignCertificateRequestAsync(pem, TimeSpan.FromDays(p.GetValue(sdagen)), t);
            if (!uitkomst.Gelukt) return Uitkomst.Mislukt<Getekend>(uitkomst.Fout);
            using var certificaat = uitkomst.Waarde!.Certificaat;
            var uit = Path.GetFullPath(p.GetValue(naar) ?? (verzoek.EndsWith(".csr.pem", StringComparison.Ordinal) ? verzoek[..^".csr.pem".Length] + ".crt.pem" : verzoek + ".crt.pem"));
            var anker = Path.Combine(Path.GetDirectoryName(uit)!, "ca.crt.pem");
            Directory.CreateDirectory(Path.GetDirectoryName(uit)!);
            await File.WriteAllTextAsync(uit, certificaat.ExportCertificatePem() + "\n", Encoding.ASCII, t);
            await File.WriteAllTextAsync(anker, a.TrustAnchorsPem, Encoding.ASCII, t);
            var w = uitkomst.Waarde;
            return Uitkomst.Ok(new Getekend(w.Soort, w.Namen, w.Serienummer, w.GeldigTot, uit, anker));
        }, r => $"{(r.Soort == CertificaatSoort.Server ? "Servercertificaat" : "Systeemcertificaat")} voor {string.Join(", ", r.Namen)} "
            + $"(serienummer {r.Serienummer}, geldig tot {r.GeldigTot:yyyy-MM-dd}) geschreven naar {r.Certificaat}; het vertrouwensanker staat in {r.Vertrouwensanker}.", ct));
        var gc = new CentralCommand.Common();
        var gsysteem = new Option<string>("--system") { Description = "Het systeem-id dat het certificaat noemt (SAN urn:oso:systeem:<id>).", Required = true };
        var bestand = new Option<FileInfo>("--certificaat") { Description = "Het certificaat (PEM), uitgegeven door een vertrouwde CA (PKIoverheid).", Required = true };
        var register = gc.AddTo(new Command("register", "Registreer het certificaat van een systeem dat een echte CA uitgaf (productie: Central geeft dan zelf niets uit).") { gsysteem, bestand });
        register.SetAction((p, ct) => CentralCommand.RunAsync(context, gc, p, async (a, t) =>
        {
            string pem;
            try
            {
                pem = await File.ReadAllTextAsync(p.GetValue(bestand)!.FullName, t);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Uitkomst.Mislukt<CertificaatInfo>(new Fout(FoutSoort.Ongeldig, "certificaat.onleesbaar", $"Het certificaat {p.GetValue(bestand)!.FullName} is niet te lezen."));
            }
            return await a.RegisterCertificateAsync(p.GetValue(gsysteem)!, pem, t);
        }, i => $"Certificaat {i.Serienummer} van systeem {i.SysteemId} is geregistreerd (geldig tot {i.GeldigTot:yyyy-MM-dd}).", ct));
        return Group("cert", "Certificaten.", issue, sign, register, revoke);
    }

    public static Command Session(CliContext context)
    {
        var c = new CentralCommand.Common();
        var brin = new Option<string?>("--brin") { Description = "Alleen sessies van deze school (als bron of doel)." };
        var systeem = new Option<string?>("--systeem") { Description = "Alleen sessies die dit systeem aanvroeg." };
        var max = new Option<int>("--max") { Description = "Hoogstens zoveel (standaard 50).", DefaultValueFactory = _ => 50 };
        var list = c.AddTo(new Command("list", "Toon sessies, nieuwste eerst.") { brin, systeem, max });
        list.SetAction((p, ct) => CentralCommand.RunAsync(context, c, p, async (a, t) => CentralCommand.Ok(await a.SessionsAsync(p.GetValue(brin), p.GetValue(systeem), p.GetValue(max), t)),
            l => Lines(l, s => $"{s.Id}  {s.AangemaaktOp:yyyy-MM-dd HH:mm}  {s.BronBrin} → {s.DoelBrin}  {(s.Verlopen ? "Verlopen" : s.Status.ToString()),-9} {s.Resultaat}"), ct));
        var tc = new CentralCommand.Common();
        var id = new Argument<Guid>("SESSIE") { Description = "Het sessie-id." };
        var trace = tc.AddTo(new Command("trace", "Toon de trace van een sessie: elke stap, en wie wat moet doen.") { id });
        trace.SetAction((p, ct) => CentralCommand.RunAsync(context, tc, p, (a, t) => a.TraceAsync(p.GetValue(id), null, t), Trace, ct));
        return Group("session", "Sessies en hun trace.", list, trace);
    }

    /// <summary>What <c>cert sign</c> wrote.</summary>
    private sealed record Getekend(CertificaatSoort Soort, IReadOnlyList<string> Namen, string Serienummer, DateTimeOffset GeldigTot, string Certificaat, string Vertrouwensanker);

    private static string Status(Oso.Central.Qualification.KwalificatieOverzicht k)
    {
        var sb = new StringBuilder($"School {k.Brin}: {k.Status}");
        if (k.GekwalificeerdTot is { } tot) sb.Append($" (sinds {k.GekwalificeerdSinds:yyyy-MM-dd}, tot {tot:yyyy-MM-dd})");
        foreach (var r in k.Checklist) sb.Append($"\n  {r.Status,-18} {r.Titel}{(r.Opmerking is null ? "" : " — " + r.Opmerking)}");
        return sb.ToString();
    }

    private static string Trace(SessieTrace t)
    {
        var s = t.Sessie;
        var sb = new StringBuilder($"Sessie {s.Id}: {s.BronBrin} → {s.DoelBrin} ({s.Overdrachtsoort}), {(s.Verlopen ? "verlopen" : s.Status.ToString().ToLowerInvariant())}");
        if (s.Resultaat is not null) sb.Append($", resultaat {s.Resultaat}");
        foreach (var stap in t.Stappen)
            sb.Append($"\n  {stap.Tijd:yyyy-MM-dd HH:mm:ss}  {stap.Stap,-16} {(stap.Geslaagd ? "ok " : "NEE")}  {stap.Resultaat}\n      {stap.Toelichting}");
        return sb.ToString();
    }

    private static string Lines<T>(IReadOnlyList<T> items, Func<T, string> line) => items.Count == 0 ? "(geen)" : string.Join("\n", items.Select(line));

    private static Command Group(string name, string description, params Command[] commands)
    {
        var group = new Command(name, description);
        foreach (var command in commands) group.Subcommands.Add(command);
        return group;
    }
}
