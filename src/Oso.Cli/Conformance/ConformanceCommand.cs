using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Oso.Conformance;

namespace Oso.Cli.Conformance;

/// <summary>
/// <c>oso conformance tc|bron|doel --target URL --cert PEM --key PEM [--trust-anchor PEM] [--json] [--junit FILE] [--html FILE]</c>,
/// and <c>oso conformance inrichten</c> to give the kit an identity at a development Central.
/// </summary>
internal static class ConformanceCommand
{
    public static Command Create(CliContext context) => new("conformance",
        "Test een Traffic Center, een bron of een doel van buitenaf tegen docs/protocol.md. Exitcode 0: alle verplichte scenario's in orde; 1: niet; 2: verkeerd gebruik.")
    {
        Rol(context, ConformanceRol.Tc, "tc", "Test een Traffic Center. De kit is een doelsysteem met een eigen doel-aanleverpunt (--doel) en vraagt bij testschool 00YY."),
        Rol(context, ConformanceRol.Bron, "bron", "Test een bron-aanleverpunt (--target). De kit is een doelsysteem met een eigen doel-aanleverpunt (--doel) en vraagt de testleerlingen op."),
        Rol(context, ConformanceRol.Doel, "doel", "Test een doelsysteem: zijn aanleverpunt (--target) en zijn opvragingen bij testschool 00YY, gelezen uit de trace van het Traffic Center."),
        InrichtenCommand.Create(context),
    };

    private static Command Rol(CliContext context, ConformanceRol rol, string naam, string beschrijving)
    {
        var target = new Option<string>("--target") { Description = "Het SOAP-adres dat getest wordt (https).", Required = true };
        var cert = new Option<string>("--cert") { Description = "Het systeemcertificaat van de kit (PEM).", Required = true };
        var key = new Option<string>("--key") { Description = "De privésleutel daarvan (PEM). Het rapport wordt ermee ondertekend.", Required = true };
        var anchors = new Option<string[]>("--trust-anchor") { Description = "Vertrouwensanker(s) voor servercertificaten (PEM); zonder: de certificaten van het besturingssysteem.", AllowMultipleArgumentsPerToken = true };
        var json = new Option<bool>("--json") { Description = "Schrijf het ondertekende JSON-rapport naar de standaarduitvoer (voor de kwalificatie in Mijn OSO)." };
        var junit = new Option<string?>("--junit") { Description = "Schrijf ook een JUnit-XML-rapport (voor CI-systemen)." };
        var html = new Option<string?>("--html") { Description = "Schrijf ook een HTML-rapport in het Nederlands." };
        var timeout = new Option<int>("--timeout") { Description = "Seconden per aanroep.", DefaultValueFactory = _ => 30 };
        var tc = new Option<string?>("--traffic-center") { Description = "Het Traffic Center (SOAP-adres), voor sessies en het overzicht van aanleverpunten.", Required = rol != ConformanceRol.Tc };
        var doel = new Option<string?>("--doel") { Description = rol == ConformanceRol.Doel ? "Het routeringskenmerk van het geteste aanleverpunt (anders opgezocht bij het Traffic Center)." : "Het doel-aanleverpunt dat het systeem van de kit runt.", Required = rol != ConformanceRol.Doel };
        var bron = new Option<string?>("--bron") { Description = rol == ConformanceRol.Tc ? "Een bron-aanleverpunt dat het systeem van de kit ook runt (optionele scenario's)." : "Het routeringskenmerk van het geteste aanleverpunt (anders opgezocht bij het Traffic Center)." };
        var ongekwalificeerd = new Option<string?>("--ongekwalificeerd") { Description = "Een aanleverpunt van de kit voor een school die niet gekwalificeerd is (optioneel scenario)." };
        var zonderMandaat = new Option<string?>("--zonder-mandaat") { Description = "Een aanleverpunt van de kit voor een school zonder mandaat voor het systeem (optioneel scenario)." };
        var pgnGeleverd = new Option<string>("--pgn-geleverd") { Description = "Testleerling met een vrijgegeven dossier.", DefaultValueFactory = _ => TestPgns.Testschool.Geleverd };
        var pgnNietBeschikbaar = new Option<string>("--pgn-niet-beschikbaar") { Description = "Testleerling zonder vrijgegeven dossier.", DefaultValueFactory = _ => TestPgns.Testschool.NietBeschikbaar };
        var pgnNietOpvraagbaar = new Option<string>("--pgn-niet-opvraagbaar") { Description = "Testleerling vrijgegeven zonder inzage of toestemming; 'geen' als de bron die niet kan hebben.", DefaultValueFactory = _ => TestPgns.Testschool.NietOpvraagbaar! };
        var pgnOnbekend = new Option<string>("--pgn-onbekend") { Description = "Een leerling die de bron niet kent.", DefaultValueFactory = _ => TestPgns.Testschool.Onbekend };
        var anderCert = new Option<string?>("--ander-cert") { Description = "Certificaat van een tweede geregistreerd systeem (optioneel scenario: een sessie van het ene systeem met het certificaat van het andere)." };
        var anderKey = new Option<string?>("--ander-key") { Description = "De privésleutel daarvan." };
        var register = new Option<string?>("--register") { Description = "De portal van Central (https), waar de kit met het certificaat van de doel de traces van zijn sessies leest." };
        var opdracht = new Option<string?>("--aanvraag-opdracht") { Description = "Een shellopdracht die de doel een dossier laat opvragen (omgeving: OSO_PGN, OSO_BRON_BRIN, OSO_AANVRAAGDATUM, OSO_OMSCHRIJVING). Zonder: de kit vraagt het u." };
        var wacht = new Option<int>("--wacht") { Description = "Seconden wachten op elke opvraging van de doel.", DefaultValueFactory = _ => 300 };

        var command = new Command(naam, beschrijving) { target, cert, key, anchors, json, junit, html, timeout };
        if (rol != ConformanceRol.Tc) command.Options.Add(tc);
        command.Options.Add(doel);
        if (rol != ConformanceRol.Doel) command.Options.Add(bron);
        if (rol == ConformanceRol.Tc) { command.Options.Add(ongekwalificeerd); command.Options.Add(zonderMandaat); }
        if (rol == ConformanceRol.Bron) foreach (var o in new Option[] { pgnGeleverd, pgnNietBeschikbaar, pgnNietOpvraagbaar, pgnOnbekend, anderCert, anderKey }) command.Options.Add(o);
        if (rol == ConformanceRol.Doel) foreach (var o in new Option[] { register, opdracht, wacht }) command.Options.Add(o);

        command.SetAction(async (parse, ct) =>
        {
            X509Certificate2 certificaat;
            X509Certificate2? anderCertificaat = null;
            List<X509Certificate2> ankers;
            try
            {
                certificaat = Laad(parse.GetValue(cert)!, parse.GetValue(key)!);
                ankers = (parse.GetValue(anchors) ?? []).SelectMany(p => { var c = new X509Certificate2Collection(); c.ImportFromPemFile(p); return c; }).ToList();
                if (parse.GetValue(anderCert) is { } ac && parse.GetValue(anderKey) is { } ak) anderCertificaat = Laad(ac, ak);
            }
            catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
            {
                await context.Error.WriteLineAsync($"oso conformance: het certificaat, de sleutel of het vertrouwensanker kan niet worden gelezen ({e.Message}).");
                return ExitCodes.Usage;
            }
            if (!Https(parse.GetValue(target), out var doelTarget) || !Https(parse.GetValue(tc), out var trafficCenter, optional: true)
                || !Https(parse.GetValue(register), out var centralPortal, optional: true))
            {
                await context.Error.WriteLineAsync("oso conformance: --target, --traffic-center en --register zijn absolute https-adressen.");
                return ExitCodes.Usage;
            }
            var opties = new KitOpties
            {
                Rol = rol, Target = doelTarget!, Certificaat = certificaat, TrustAnchors = ankers,
                TrafficCenter = trafficCenter, Register = centralPortal,
                DoelAanleverpunt = parse.GetValue(doel), BronAanleverpunt = parse.GetValue(bron),
                OngekwalificeerdAanleverpunt = parse.GetValue(ongekwalificeerd), ZonderMandaatAanleverpunt = parse.GetValue(zonderMandaat),
                AnderCertificaat = anderCertificaat,
                Pgns = new TestPgns(parse.GetValue(pgnGeleverd)!, parse.GetValue(pgnNietBeschikbaar)!,
                    parse.GetValue(pgnNietOpvraagbaar) is "geen" or null ? null : parse.GetValue(pgnNietOpvraagbaar), parse.GetValue(pgnOnbekend)!),
                Aansturing = rol != ConformanceRol.Doel ? null
                    : parse.GetValue(opdracht) is { } cmd ? new OpdrachtAansturing(cmd) : context.ErrorIsTerminal ? new VraagAansturing(context.Error) : null,
                Wacht = TimeSpan.FromSeconds(parse.GetValue(wacht)),
                Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                Tijd = context.Time,
            };
            return await RunAsync(context, opties, parse.GetValue(json), parse.GetValue(junit), parse.GetValue(html), ct);
        });
        return command;
    }

    /// <summary>Runs the kit and writes the reports; the exit code says whether every required scenario passed.</summary>
    public static async Task<int> RunAsync(CliContext context, KitOpties opties, bool json, string? junit, string? html, CancellationToken ct)
    {
        await context.Error.WriteLineAsync($"OSO-conformancekit: {RapportFormaten.RolTitel(opties.Rol)} op {opties.Target}");
        var rapport = await ConformanceKit.RunAsync(opties, u => context.Error.WriteLine(
            $"  {RapportFormaten.StatusTekst(u),-14} {u.Id}  {u.Titel}{(u.Status == ScenarioStatus.Passed ? "" : Environment.NewLine + "                 " + u.Toelichting)}"), ct);
        await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{rapport.Passed} in orde, {rapport.Failed} niet in orde, {rapport.Skipped} overgeslagen: {(rapport.Geslaagd ? "GESLAAGD" : "NIET GESLAAGD")}"));
        if (json) await context.Out.WriteLineAsync(Encoding.UTF8.GetString(rapport.ToJson()));
        if (junit is not null) await File.WriteAllBytesAsync(junit, RapportFormaten.JUnit(rapport), ct);
        if (html is not null) await File.WriteAllTextAsync(html, RapportFormaten.Html(rapport), Encoding.UTF8, ct);
        return rapport.Geslaagd ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static bool Https(string? text, out Uri? url, bool optional = false)
    {
        url = null;
        if (text is null) return optional;
        return Uri.TryCreate(text, UriKind.Absolute, out url) && url.Scheme == Uri.UriSchemeHttps;
    }

    private static X509Certificate2 Laad(string certificaat, string sleutel)
    {
        using var metSleutel = X509Certificate2.CreateFromPemFile(certificaat, sleutel);
        // an ephemeral key cannot be presented in a TLS handshake on every platform: round-trip through PKCS#12
        return X509CertificateLoader.LoadPkcs12(metSleutel.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Runs a shell command for each request the doel must make.</summary>
    private sealed class OpdrachtAansturing(string opdracht) : IDoelAansturing
    {
        public async Task VraagAanAsync(DoelAanvraag aanvraag, CancellationToken cancellationToken)
        {
            var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add(opdracht);
            psi.Environment["OSO_PGN"] = aanvraag.Pgn;
            psi.Environment["OSO_BRON_BRIN"] = aanvraag.BronBrin;
            psi.Environment["OSO_AANVRAAGDATUM"] = aanvraag.AlleenGewijzigdSinds?.ToString("O", CultureInfo.InvariantCulture) ?? "";
            psi.Environment["OSO_OMSCHRIJVING"] = aanvraag.Omschrijving;
            using var process = Process.Start(psi) ?? throw new InvalidOperationException("De aanvraagopdracht kon niet worden gestart.");
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            _ = await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0) throw new InvalidOperationException($"De aanvraagopdracht eindigde met code {process.ExitCode}: {(await stderr).Trim()}");
        }
    }

    /// <summary>Asks the person at the terminal to make the request in their LAS.</summary>
    private sealed class VraagAansturing(TextWriter uit) : IDoelAansturing
    {
        public Task VraagAanAsync(DoelAanvraag aanvraag, CancellationToken cancellationToken)
        {
            uit.WriteLine($"  >> Vraag nu in uw LAS het dossier op van {aanvraag.Omschrijving}: PGN {aanvraag.Pgn} bij school {aanvraag.BronBrin}"
                + (aanvraag.AlleenGewijzigdSinds is { } s ? $", alleen als gewijzigd sinds {s:yyyy-MM-dd HH:mm}" : "") + ". De kit wacht op de afmelding.");
            return Task.CompletedTask;
        }
    }
}
