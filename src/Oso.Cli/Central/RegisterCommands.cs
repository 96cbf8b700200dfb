using System.CommandLine;
using Oso.Central;
using Oso.Central.Register;
using Oso.Protocol.Messages;

namespace Oso.Cli.Central;

/// <summary><c>oso central school|board|system|mandate|endpoint add</c>.</summary>
internal static class RegisterCommands
{
    public static Command School(CliContext context)
    {
        var c = new CentralCommand.Common();
        var brin = new Option<string>("--brin") { Description = "BRIN (twee cijfers, twee hoofdletters).", Required = true };
        var naam = new Option<string>("--naam") { Description = "Naam van de school.", Required = true };
        var sector = new Option<Sector>("--sector") { Description = "PO, VO, SO of SWV.", Required = true };
        var bestuur = new Option<string>("--bestuur") { Description = "Id van het bestuur (bevoegd gezag).", Required = true };
        var plaats = new Option<string?>("--plaats") { Description = "Plaats." };
        var gemeente = new Option<string?>("--gemeente") { Description = "Gemeente." };
        var provincie = new Option<string?>("--provincie") { Description = "Provincie." };
        var vestiging = new Option<string[]>("--vestiging") { Description = "Vestiging als CODE:NAAM (herhaalbaar), bijvoorbeeld 00:Hoofdlocatie.", AllowMultipleArgumentsPerToken = false };
        var swvCode = new Option<string?>("--swv-code") { Description = "Alleen voor een samenwerkingsverband (sector SWV): de eigen code, bijvoorbeeld PO2301." };
        var regio = new Option<string?>("--regio") { Description = "Alleen voor een samenwerkingsverband: de regio." };
        var add = c.AddTo(new Command("add", "Voeg een school of samenwerkingsverband toe aan het register.") { brin, naam, sector, bestuur, plaats, gemeente, provincie, vestiging, swvCode, regio });
        add.SetAction((p, ct) =>
        {
            var vestigingen = (p.GetValue(vestiging) ?? []).Select(v => v.Split(':', 2)).Select(v => new NieuweVestiging(v[0], v.Length > 1 ? v[1] : v[0])).ToList();
            var school = new NieuweSchool(p.GetValue(brin)!, p.GetValue(naam)!, p.GetValue(sector), p.GetValue(bestuur)!)
            {
                Plaats = p.GetValue(plaats), Gemeente = p.GetValue(gemeente), Provincie = p.GetValue(provincie), Vestigingen = vestigingen,
                SwvCode = p.GetValue(swvCode), Regio = p.GetValue(regio),
            };
            return CentralCommand.RunAsync(context, c, p, (a, t) => a.AddSchoolAsync(school, t), s => $"School {s.Brin} ({s.Naam}, {s.Sector}) toegevoegd onder bestuur {s.BestuurId}.", ct);
        });
        return Group("school", "Scholen in het register.", add);
    }

    public static Command Board(CliContext context)
    {
        var c = new CentralCommand.Common();
        var id = new Option<string>("--id") { Description = "Id van het bestuur (bijvoorbeeld het bevoegd-gezagnummer).", Required = true };
        var naam = new Option<string>("--naam") { Description = "Naam van het bestuur.", Required = true };
        var add = c.AddTo(new Command("add", "Voeg een schoolbestuur (bevoegd gezag) toe.") { id, naam });
        add.SetAction((p, ct) => CentralCommand.RunAsync(context, c, p, (a, t) => a.AddBoardAsync(new NieuwBestuur(p.GetValue(id)!, p.GetValue(naam)!), t),
            b => $"Bestuur {b.Id} ({b.Naam}) toegevoegd.", ct));
        return Group("board", "Schoolbesturen (bevoegd gezag).", add);
    }

    public static Command System(CliContext context)
    {
        var c = new CentralCommand.Common();
        var id = new Option<string>("--id") { Description = "Systeem-id, zoals het in de certificaten staat (urn:oso:systeem:<id>).", Required = true };
        var naam = new Option<string>("--naam") { Description = "Productnaam.", Required = true };
        var leverancier = new Option<string>("--leverancier") { Description = "Naam van de leverancier.", Required = true };
        var add = c.AddTo(new Command("add", "Registreer een leverancierssysteem (LAS of schoolknooppunt).") { id, naam, leverancier });
        add.SetAction((p, ct) => CentralCommand.RunAsync(context, c, p, (a, t) => a.AddSystemAsync(new NieuwSysteem(p.GetValue(id)!, p.GetValue(naam)!, p.GetValue(leverancier)!), t),
            s => $"Systeem {s.Id} ({s.Naam} van {s.Leverancier}) geregistreerd; het kwalificeert zich met een testuitwisseling met testschool 00YY.", ct));
        return Group("system", "Leverancierssystemen.", add);
    }

    public static Command Mandate(CliContext context)
    {
        var c = new CentralCommand.Common();
        var bestuur = new Option<string>("--bestuur") { Description = "Het bestuur dat mandateert.", Required = true };
        var brin = new Option<string>("--brin") { Description = "De school.", Required = true };
        var systeem = new Option<string>("--systeem") { Description = "Het systeem dat namens de school uitwisselt.", Required = true };
        var van = new Option<string?>("--van") { Description = "Eerste dag (jjjj-mm-dd; standaard vandaag)." };
        var tot = new Option<string?>("--tot") { Description = "Laatste dag (jjjj-mm-dd; standaard onbepaald)." };
        var add = c.AddTo(new Command("add", "Een bestuur mandateert een systeem voor een school.") { bestuur, brin, systeem, van, tot });
        add.SetAction(async (p, ct) =>
        {
            if (!Dates(context, p.GetValue(van), p.GetValue(tot), out var v, out var t)) return ExitCodes.Usage;
            return await CentralCommand.RunAsync(context, c, p, (a, x) => a.AddMandateAsync(new NieuwMandaat(p.GetValue(bestuur)!, p.GetValue(brin)!, p.GetValue(systeem)!, v, t), x),
                m => $"Mandaat: bestuur {m.BestuurId} → systeem {m.SysteemId} voor {m.Brin}, vanaf {m.Van:yyyy-MM-dd}{(m.Tot is { } e ? $" tot en met {e:yyyy-MM-dd}" : "")}.", ct);
        });
        return Group("mandate", "Mandaten (bestuur → systeem per BRIN).", add);
    }

    public static Command Endpoint(CliContext context)
    {
        var c = new CentralCommand.Common();
        var rk = new Option<string>("--routeringskenmerk") { Description = "20 tekens: 00000007000 + BRIN + 5 cijfers of hoofdletters.", Required = true };
        var url = new Option<string>("--url") { Description = "De https-URL van het SOAP-aanleverpunt.", Required = true };
        var doel = new Option<Uitwisseldoel>("--doel") { Description = "Ov (overstap) of Swv (samenwerkingsverband).", DefaultValueFactory = _ => Uitwisseldoel.Ov };
        var systeem = new Option<string>("--systeem") { Description = "Het systeem dat het aanleverpunt beheert.", Required = true };
        var van = new Option<string?>("--van") { Description = "Eerste dag (jjjj-mm-dd; standaard vandaag)." };
        var tot = new Option<string?>("--tot") { Description = "Laatste dag (jjjj-mm-dd; standaard onbepaald)." };
        var add = c.AddTo(new Command("add", "Registreer een aanleverpunt (routeringskenmerk → URL) van een school.") { rk, url, doel, systeem, van, tot });
        add.SetAction(async (p, ct) =>
        {
            if (!Dates(context, p.GetValue(van), p.GetValue(tot), out var v, out var t)) return ExitCodes.Usage;
            return await CentralCommand.RunAsync(context, c, p, (a, x) => a.AddEndpointAsync(new NieuwAanleverpunt(p.GetValue(rk)!, p.GetValue(url)!, p.GetValue(doel), p.GetValue(systeem)!, v, t), x),
                e => $"Aanleverpunt {e.RouteringsKenmerk} van {e.Brin} → {e.Url} ({e.Doel}, systeem {e.SysteemId}).", ct);
        });
        return Group("endpoint", "Aanleverpunten.", add);
    }

    public static Command Swv(CliContext context)
    {
        var c = new CentralCommand.Common();
        var swv = new Option<string>("--swv") { Description = "De BRIN-code van het samenwerkingsverband.", Required = true };
        var school = new Option<string>("--school") { Description = "De BRIN van de school die bij het samenwerkingsverband hoort.", Required = true };
        var add = c.AddTo(new Command("lid", "Registreer dat een school bij een samenwerkingsverband hoort (alleen leden mogen het een swv-dossier sturen).") { swv, school });
        add.SetAction((p, ct) => CentralCommand.RunAsync(context, c, p, (a, t) => a.AddSwvMemberAsync(p.GetValue(swv)!, p.GetValue(school)!, t), Beschrijf, ct));
        var c2 = new CentralCommand.Common();
        var swv2 = new Option<string>("--swv") { Description = "De BRIN-code van het samenwerkingsverband.", Required = true };
        var school2 = new Option<string>("--school") { Description = "De BRIN van de school.", Required = true };
        var remove = c2.AddTo(new Command("geen-lid", "Haal een school weg bij een samenwerkingsverband.") { swv2, school2 });
        remove.SetAction((p, ct) => CentralCommand.RunAsync(context, c2, p, (a, t) => a.RemoveSwvMemberAsync(p.GetValue(swv2)!, p.GetValue(school2)!, t), Beschrijf, ct));
        var c3 = new CentralCommand.Common();
        var swv3 = new Option<string>("--swv") { Description = "De BRIN-code van het samenwerkingsverband.", Required = true };
        var show = c3.AddTo(new Command("show", "Toon een samenwerkingsverband en de scholen die erbij horen.") { swv3 });
        show.SetAction((p, ct) => CentralCommand.RunAsync(context, c3, p, (a, t) => a.SwvAsync(p.GetValue(swv3)!, t), Beschrijf, ct));
        return Group("swv", "Samenwerkingsverbanden passend onderwijs (voeg er een toe met 'school add --sector SWV').", add, remove, show);
    }

    private static string Beschrijf(SwvInfo s) =>
        $"Samenwerkingsverband {s.Brin} ({s.Naam}{(s.SwvCode is null ? "" : ", " + s.SwvCode)}{(s.Regio is null ? "" : ", regio " + s.Regio)}): "
        + (s.Leden.Count == 0 ? "nog geen scholen." : $"{s.Leden.Count} school/scholen: {string.Join(", ", s.Leden)}.");

    private static Command Group(string name, string description, params Command[] commands)
    {
        var group = new Command(name, description);
        foreach (var command in commands) group.Subcommands.Add(command);
        return group;
    }

    private static bool Dates(CliContext context, string? van, string? tot, out DateOnly v, out DateOnly? t)
    {
        v = default;
        t = null;
        if (!CentralCommand.TryDate(van, out var vd, out var fout) || !CentralCommand.TryDate(tot, out t, out fout))
        {
            context.Error.WriteLine("oso: " + fout);
            return false;
        }
        v = vd ?? DateOnly.FromDateTime(context.Time.GetLocalNow().DateTime);
        return true;
    }
}
