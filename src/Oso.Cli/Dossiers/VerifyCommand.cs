using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Encodings.Web;
using System.Text.Json;
using Oso.Protocol.Proofs;
using Oso.Protocol.Security;

namespace Oso.Cli.Dossiers;

/// <summary>
/// <c>oso dossier verify FILE --trust-anchor PEM [--handtekening SIG] [--json]</c>: checks a saved dossier against the
/// bron's signature beside it (<c>FILE.sig</c>): the exact bytes, the signature, and the certificate's chain to the
/// anchor at the signing time. Exit 0 valid; 1 invalid, changed or unsigned; 2 wrong arguments or unreadable input.
/// </summary>
internal static class VerifyCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("BESTAND") { Description = "Het ontvangen dossier (zoals het LAS het ophaalde, onveranderd)." };
        var anchors = new Option<string[]>("--trust-anchor") { Description = "Vertrouwensanker (PEM) waaraan het certificaat van de ondertekenaar moet ketenen; herhaalbaar.", Required = true, Arity = ArgumentArity.OneOrMore };
        var signature = new Option<string?>("--handtekening") { Description = "De handtekening (standaard BESTAND.sig)." };
        var json = new Option<bool>("--json") { Description = "Eén JSON-object." };
        var command = new Command("verify", "Controleer de handtekening van de bronschool onder een bewaard dossier: is dit precies wat die school verzond, wie verzond het, wanneer en in welke sessie? "
            + "Exitcode 0: geldig; 1: ongeldig, gewijzigd of niet ondertekend; 2: verkeerd gebruik of onleesbaar bestand.")
        {
            file, anchors, signature, json,
        };
        command.SetAction(parse => Run(context, parse.GetValue(file)!, parse.GetValue(anchors)!, parse.GetValue(signature), parse.GetValue(json)));
        return command;
    }

    private sealed record Uitslag(string Bestand, bool Geldig, string? Fout, string Toelichting, string? Systeem = null, DateTimeOffset? Tijdstip = null,
        string? SessieId = null, string? BronBrin = null, string? DoelBrin = null, string? Sha256 = null, string? Certificaat = null);

    private static int Run(CliContext context, string file, string[] anchorFiles, string? signatureFile, bool json)
    {
        byte[] dossier;
        var anchors = new List<X509Certificate2>();
        try
        {
            dossier = File.ReadAllBytes(file);
            foreach (var path in anchorFiles)
            {
                var collection = new X509Certificate2Collection();
                collection.ImportFromPemFile(path);
                if (collection.Count == 0) return Usage(context, $"Het vertrouwensanker {path} bevat geen certificaat.");
                anchors.AddRange(collection);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            return Usage(context, $"Niet te lezen: {e.Message}");
        }

        var sigPath = signatureFile ?? file + ".sig";
        Uitslag uitslag;
        if (!File.Exists(sigPath))
        {
            uitslag = new(file, false, nameof(HandtekeningFout.Ontbreekt),
                $"Er is geen handtekening ({sigPath} bestaat niet): niet te bewijzen wat de bronschool verzond.");
        }
        else
        {
            byte[] sigBytes;
            try
            {
                sigBytes = File.ReadAllBytes(sigPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Usage(context, $"Niet te lezen: {e.Message}");
            }
            uitslag = Check(file, dossier, sigBytes, anchors);
        }

        if (json) context.Out.WriteLine(JsonSerializer.Serialize(uitslag, Json));
        else if (uitslag.Geldig)
            context.Out.WriteLine($"{file}: geldig. {uitslag.Toelichting}");
        else
            context.Out.WriteLine($"{file}: ONGELDIG. {uitslag.Toelichting}");
        return uitslag.Geldig ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static Uitslag Check(string file, byte[] dossier, byte[] sigBytes, List<X509Certificate2> anchors)
    {
        if (!Handtekening.TryCreate(sigBytes, out var handtekening, out var reden) || Bewijzen.LeesVerklaring(handtekening) is not { } verklaring)
            return new(file, false, nameof(HandtekeningFout.Onleesbaar), "De handtekening is geen OSO-bewijs: " + (reden ?? "de vorm klopt niet."));

        // the certificate must have been valid when it signed; revocations are checked by the doel at import
        var validator = new OsoCertificateValidator(anchors, new FixedTime(verklaring.Tijdstip));
        return Bewijzen.Controleer(handtekening, dossier, validator, new Verwachting(verklaring.Soort)) switch
        {
            Handtekeningcontrole.Geldig g => new(file, true, null,
                $"Dit is precies het dossier dat systeem {g.Verklaring.Systeem} {(g.Verklaring.Soort == VerklaringSoort.Verzending ? "verzond" : "ontving")} "
                + $"op {g.Verklaring.Tijdstip:yyyy-MM-dd HH:mm:ss} (UTC), van school {g.Verklaring.BronBrin} naar school {g.Verklaring.DoelBrin}, in sessie {g.Verklaring.SessieId}. "
                + $"Certificaat: {g.Certificaat} (serienummer {g.Serienummer}), vertrouwd op dat moment.",
                g.Verklaring.Systeem.Value, g.Verklaring.Tijdstip, g.Verklaring.SessieId.ToString(), g.Verklaring.BronBrin.Value, g.Verklaring.DoelBrin.Value,
                g.Verklaring.DossierSha256Hex, g.Certificaat),
            Handtekeningcontrole.Ongeldig o => new(file, false, o.Fout.ToString(), o.Omschrijving, verklaring.Systeem.Value, verklaring.Tijdstip,
                verklaring.SessieId.ToString(), verklaring.BronBrin.Value, verklaring.DoelBrin.Value, Convert.ToHexStringLower(Bewijzen.Digest(dossier))),
            _ => throw new InvalidOperationException(),
        };
    }

    private static int Usage(CliContext context, string message)
    {
        context.Error.WriteLine(message);
        return ExitCodes.Usage;
    }

    private sealed class FixedTime(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at.ToUniversalTime();
    }
}
