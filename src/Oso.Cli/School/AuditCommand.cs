using System.CommandLine;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Oso.Cli.School;

/// <summary>
/// <c>oso school audit</c>: the node's hash-chained audit log, for the school's privacy officer and the node's operator —
/// check that no record was changed or removed, and see who accessed which pupil's data and why.
/// </summary>
internal static class AuditCommand
{
    public static Command Create(CliContext context) => new("audit", "Het auditlogboek van de scholen op deze node: controleren en inzien.")
    {
        Verify(context),
        Anchor(context),
        Show(context),
    };

    private static Command Verify(CliContext context)
    {
        var common = new SchoolCommand.Common();
        var brins = new Argument<string[]>("BRIN") { Description = "De scholen (standaard: alle scholen op deze node)." , Arity = ArgumentArity.ZeroOrMore };
        var central = new Option<bool>("--central")
        {
            Description = "Haal ook de verankeringen bij Central op (met het systeemcertificaat van de node), zodat ook een weggehaalde of vervangen lokale bevestiging opvalt.",
        };
        var command = common.AddTo(new Command("verify",
            "Controleert de hashketen van het auditlogboek (geen regel gewijzigd, verwijderd of tussengevoegd) en de keten tegen de verankeringen bij Central "
            + "(ook een keten die in zijn geheel is herschreven valt op). Exitcode 1 als een keten gebroken is of niet meer klopt met een verankering.") { brins, central });
        command.SetAction((parse, ct) => SchoolCommand.RunCheckAsync(context, common, parse, async session =>
        {
            var options = common.Options(parse);
            using var anchors = AnchorCheck.Open(options, parse.GetValue(central));
            var chains = await session.Admin.VerifyAuditAsync(parse.GetValue(brins) ?? [], anchors.Verification, ct).ConfigureAwait(false);
            var text = new StringBuilder();
            foreach (var chain in chains)
            {
                text.AppendLine(chain.FirstBroken is null
                    ? string.Create(CultureInfo.InvariantCulture, $"{chain.Brin}  in orde: {chain.Records:N0} regels, keten onbroken.")
                    : string.Create(CultureInfo.InvariantCulture,
                        $"{chain.Brin}  GEBROKEN bij regel {chain.FirstBroken:N0} (van {chain.Records:N0}): vanaf daar is een regel gewijzigd, verwijderd of tussengevoegd. Bewaar de database zoals hij is en meld dit als beveiligingsincident."));
                if (chain.Anchors is { } a) text.AppendLine("      " + AnchorCheck.Describe(a));
            }
            if (anchors.Note is { } note) text.AppendLine(note);
            if (chains.Count == 0) text.AppendLine("Er zijn nog geen scholen op deze node.");
            var rows = chains.Select(c => new
            {
                brin = c.Brin, regels = c.Records, intact = c.Intact, eersteGebrokenRegel = c.FirstBroken,
                verankering = c.Anchors is { } a ? new
                {
                    klopt = a.Holds, verankerd = a.Anchored, laatsteRegel = a.LastSequence, laatsteVerankering = a.LastAnchoredAt, wachtend = a.Pending,
                    geweigerd = a.Refused, voorBewaartermijn = a.BeforeRetention, eersteAfwijkendeRegel = a.Contradicted, probleem = a.Problem,
                } : null,
            }).ToList();
            return (rows, text.ToString().TrimEnd(), chains.All(c => c.Intact));
        }, ct));
        return command;
    }

    private static Command Anchor(CliContext context)
    {
        var common = new SchoolCommand.Common();
        var command = common.AddTo(new Command("anchor",
            "Laat de draaiende node nu een controlepunt van elk auditlogboek naar Central sturen (gebeurt ook vanzelf, elke AuditAnchorInterval)."));
        command.SetAction((parse, ct) => SchoolCommand.RunSessionAsync(context, common, parse, async session =>
        {
            var store = session.Services.GetRequiredService<Oso.School.Storage.SchoolStore>();
            var outbox = session.Services.GetRequiredService<Oso.School.Outbox.OutboxQueue>();
            var now = session.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            await store.WriteAsync(async db =>
            {
                await Oso.School.Audit.AuditAnchoring.QueueNowAsync(db, outbox, now, ct).ConfigureAwait(false);
                return true;
            }, ct).ConfigureAwait(false);
            return ((object)new { ingepland = now }, "Verankering ingepland: de draaiende node ondertekent de controlepunten en stuurt ze naar Central. "
                + "Controleer daarna met: oso school audit verify");
        }, ct));
        return command;
    }

    private static Command Show(CliContext context)
    {
        var common = new SchoolCommand.Common();
        var brin = new Argument<string>("BRIN") { Description = "De school." };
        var leerling = new Option<string?>("--leerling") { Description = "Alleen de regels over deze leerling (het interne leerling- of aanmeldingsnummer dat het portaal toont)." };
        var sinds = new Option<DateOnly?>("--sinds") { Description = "Alleen regels vanaf deze datum (JJJJ-MM-DD, UTC)." };
        var max = new Option<int>("--max") { Description = "Hoogstens zoveel regels, nieuwste eerst (standaard 100).", DefaultValueFactory = _ => 100 };
        var command = common.AddTo(new Command("show",
            "Toont wie wat deed met de gegevens van de school of van één leerling, wanneer en waarom (nieuwste eerst). Bevat geen namen of PGN's.") { brin, leerling, sinds, max });
        command.SetAction((parse, ct) => SchoolCommand.RunSessionAsync(context, common, parse, async session =>
        {
            var from = parse.GetValue(sinds) is { } day ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : (DateTimeOffset?)null;
            var entries = await session.Admin.AuditTrailAsync(parse.GetValue(brin)!, parse.GetValue(leerling), from, parse.GetValue(max), ct).ConfigureAwait(false);
            var rows = entries.Select(e => new
            {
                regel = e.Sequence, tijdstip = e.At, actorSoort = e.ActorKind, actor = e.Actor, actie = e.Action,
                leerling = e.PupilRef, doel = e.Purpose, detail = e.Detail,
            }).ToList();
            var text = new StringBuilder();
            foreach (var e in entries)
            {
                text.Append(CultureInfo.InvariantCulture, $"{e.Sequence,6}  {e.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z  {e.ActorKind}:{e.Actor}  {e.Action}");
                if (e.PupilRef is not null) text.Append("  leerling ").Append(e.PupilRef);
                text.Append("  — ").Append(e.Purpose);
                if (e.Detail is not null) text.Append(" (").Append(e.Detail).Append(')');
                text.AppendLine();
            }
            if (entries.Count == 0) text.AppendLine("Geen regels gevonden.");
            return ((object)rows, text.ToString().TrimEnd());
        }, ct));
        return command;
    }
}
