using System.Text;
using System.Text.Json;
using Oso.Dossier;
using Oso.Dossier.Validation;
using Oso.School.Bron;
using Oso.School.Doel;
using Oso.School.LasApi;

namespace Oso.Fuzz.Targets;

/// <summary>
/// The LAS API's JSON bodies, through the same deserialization and checks the endpoints use. The first byte picks the
/// body: the dossier as JSON (<c>PUT …/dossier</c>: <see cref="BronApi"/>'s own deserialization, then
/// <see cref="BronDossiers.CheckDelivery"/>, the writer and the validator), and the bodies minimal APIs bind
/// (<see cref="InzageInput"/>, <see cref="VrijgevenDto"/>, <see cref="AanmeldingDto"/>, <see cref="AanvragenDto"/>,
/// <see cref="WebhookDto"/>) followed by each endpoint's checks. Documented refusals: a <see cref="JsonException"/> (400,
/// the framework's or ours), a null body (400), and each check's refusal value.
/// </summary>
internal sealed class LasJsonTarget : FuzzTarget
{
    /// <summary>What minimal APIs bind bodies with (the School host configures no JSON options of its own).</summary>
    private static readonly JsonSerializerOptions Binding = new Microsoft.AspNetCore.Http.Json.JsonOptions().SerializerOptions;

    private static readonly DossierValidator Validator = new();
    private static readonly DateOnly Today = new(2026, 3, 20);
    internal static readonly Dossier.Model.Dossier Draft = new Dossier.Building.DossierBuilder().Datum(Today).Build();

    public override string Name => "las-json";

    public override string Description => "LAS API JSON bodies: the dossier model and every bound request body, with the endpoints' checks";

    public override string Dictionary => "json";

    public override void Run(byte[] input)
    {
        if (input.Length == 0)
        {
            // no body at all: what POST …/vrijgeven does with its optional body (also afl's first, empty input)
            BronDossiers.OptOutText(null, out _);
            return;
        }
        var json = input.AsSpan(1);
        try
        {
            switch (input[0] % 6)
            {
                case 0:
                    if (JsonSerializer.Deserialize<Dossier.Model.Dossier>(json, BronApi.JsonOptions) is not { } dossier) return;
                    if (BronDossiers.CheckDelivery(Draft.Huidigeschool.Brincode, "las-1", dossier) is not null) return;
                    Validator.Validate(new MemoryStream(DossierWriter.ToBytes(dossier, indent: false)));
                    break;
                case 1:
                    if (JsonSerializer.Deserialize<InzageInput>(json, Binding) is not { } inzage) return;
                    Inzage(inzage);
                    break;
                case 2:
                    var release = JsonSerializer.Deserialize<VrijgevenDto>(json, Binding); // optional body: null is fine
                    if (BronDossiers.OptOutText(release?.OptOut, out var text) is null)
                        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
                            if (!Enum.TryParse<Dossier.Profiles.Category>(name, ignoreCase: true, out var category) || !Enum.IsDefined(category) || !name.All(char.IsAsciiLetter))
                                throw new FuzzFinding($"The release accepted '{name}' as an opt-out category.");
                    break;
                case 3:
                    if (JsonSerializer.Deserialize<AanmeldingDto>(json, Binding) is not { } a) return;
                    Aanmeldingen.Check(new AanmeldingInput(a.Pgn, a.Geboortedatum, a.BronBrin, a.Naam, a.Overdrachtsoort), Today, out _, out _, out _);
                    break;
                case 4:
                    JsonSerializer.Deserialize<AanvragenDto>(json, Binding);
                    break;
                default:
                    if (JsonSerializer.Deserialize<WebhookDto>(json, Binding) is not { } webhook) return;
                    DoelApi.CheckWebhook(webhook);
                    break;
            }
        }
        catch (JsonException)
        {
            // 400: the framework's "Failed to read parameter" for bound bodies, ours ("De JSON past niet op het dossiermodel") for the dossier
        }
    }

    /// <summary>What recording an inzage does with an accepted input: the check, then the draft with it, written and validated.</summary>
    internal static void Inzage(InzageInput input)
    {
        if (BronDossiers.CheckInzage(input, Today) is not null) return;
        Validator.Validate(new MemoryStream(DossierWriter.ToBytes(BronDossiers.WithInzage(Draft, input), indent: false)));
    }

    public override IEnumerable<(string Name, byte[] Bytes)> Seeds(SeedSources sources)
    {
        byte[] Body(int kind, string json) => [(byte)kind, .. Encoding.UTF8.GetBytes(json)];
        yield return ("0-dossier.json", Body(0, JsonSerializer.Serialize(Draft, BronApi.JsonOptions)));
        var opt = DossierSeeds.All(sources).FirstOrDefault(s => s.Name.Contains("POVO_opt_out", StringComparison.Ordinal));
        if (opt.Bytes is not null && DossierReader.Read(new MemoryStream(opt.Bytes)).Dossier is { } example)
            yield return ("0-example.json", Body(0, JsonSerializer.Serialize(example with { Huidigeschool = example.Huidigeschool with { Brincode = Draft.Huidigeschool.Brincode } }, BronApi.JsonOptions)));
        yield return ("1-inzage-ja.json", Body(1, """{"inzagedatum":"2026-03-19","akkoord":"Ja","redenNietAkkoord":null,"toestemming":null}"""));
        yield return ("1-inzage-nee.json", Body(1, """{"inzagedatum":"2026-03-01","akkoord":"Nee","redenNietAkkoord":"Wij vinden het advies te laag.","toestemming":"Onbekend"}"""));
        yield return ("2-vrijgeven.json", Body(2, """{"optOut":["Bijlagedocs","verzuim"," Toetsresultaten "]}"""));
        yield return ("2-leeg.json", Body(2, "null"));
        yield return ("3-aanmelding.json", Body(3, """{"pgn":"111222333","geboortedatum":"2014-05-01","bronBrin":"00YY","naam":"Sam","overdrachtsoort":"overstapdossier"}"""));
        yield return ("4-aanvragen.json", Body(4, """{"alleenGewijzigdSinds":"2026-03-01T10:00:00+01:00"}"""));
        yield return ("5-webhook.json", Body(5, """{"url":"https://las.example.nl/oso","geheim":"s3cr3t"}"""));
    }
}
