using System.CommandLine;
using Oso.Hosting.Accounts;
using Oso.School;
using Oso.School.Audit;
using Oso.School.Staff;

namespace Oso.Cli.School;

/// <summary>
/// <c>oso school staff</c>: staff accounts for the School portal, administered on the node's data directory (the node
/// administrator's tool; a school's beheerder manages its own staff in the portal).
/// </summary>
internal static class StaffCommand
{
    public static Command Create(CliContext context) => new("staff", "Medewerkers van scholen op deze node: accounts voor het School-portaal (inloggen met wachtwoord en tweestapsverificatie).")
    {
        Add(context),
        List(context),
        ResetTwoFactor(context),
    };

    private static Command Add(CliContext context)
    {
        var common = new SchoolCommand.Common();
        var brin = new Argument<string>("BRIN") { Description = "De school." };
        var email = new Option<string>("--email") { Description = "Het e-mailadres (de inlognaam).", Required = true };
        var naam = new Option<string>("--naam") { Description = "De naam van de medewerker.", Required = true };
        var rol = new Option<string>("--rol") { Description = "medewerker of beheerder (beheert ook de medewerkers van de school).", DefaultValueFactory = _ => "medewerker" };
        rol.AcceptOnlyFromAmong("medewerker", "beheerder");
        var wachtwoord = new Option<string?>("--wachtwoord") { Description = "Het eerste wachtwoord (minstens 12 tekens); zonder: een willekeurig wachtwoord, één keer getoond." };
        var command = common.AddTo(new Command("add", "Geef iemand toegang tot het School-portaal van een school (een nieuw account, of een bestaand account erbij).")
        {
            brin, email, naam, rol, wachtwoord,
        });
        command.SetAction((parse, ct) => RunAsync(context, common, parse, async staff =>
        {
            var result = await staff.AddAsync(parse.GetValue(brin)!, parse.GetValue(email)!, parse.GetValue(naam)!,
                parse.GetValue(rol) == "beheerder" ? StaffRol.Beheerder : StaffRol.Medewerker, parse.GetValue(wachtwoord), Actor.Node, ct).ConfigureAwait(false);
            return result switch
            {
                StaffResult.Added added => (new { gebruiker = added.UserId, eersteWachtwoord = added.InitialPassword },
                    added.InitialPassword is null
                        ? $"{parse.GetValue(email)} heeft toegang tot {parse.GetValue(brin)}. Bij de eerste aanmelding stelt de medewerker tweestapsverificatie in."
                        : $"{parse.GetValue(email)} heeft toegang tot {parse.GetValue(brin)}.{Environment.NewLine}Eerste wachtwoord (geef het veilig door; het wordt niet opnieuw getoond): {added.InitialPassword}{Environment.NewLine}Bij de eerste aanmelding stelt de medewerker tweestapsverificatie in."),
                StaffResult.Invalid invalid => throw new ArgumentException(invalid.Reason),
                _ => throw new InvalidOperationException($"School {parse.GetValue(brin)} is niet bekend op deze node."),
            };
        }, ct));
        return command;
    }

    private static Command List(CliContext context)
    {
        var common = new SchoolCommand.Common();
        var brin = new Argument<string>("BRIN") { Description = "De school." };
        var command = common.AddTo(new Command("list", "De medewerkers van een school.") { brin });
        command.SetAction((parse, ct) => RunAsync(context, common, parse, async staff =>
        {
            var list = await staff.ListAsync(parse.GetValue(brin)!, ct).ConfigureAwait(false);
            var rows = list.Select(m => new { email = m.Email, naam = m.Naam, rol = m.Rol.ToString().ToLowerInvariant(), tweestaps = m.TweestapsAan }).ToList();
            return ((object)rows, rows.Count == 0 ? "Geen medewerkers." : string.Join(Environment.NewLine,
                rows.Select(r => $"{r.email,-40} {r.rol,-11} {(r.tweestaps ? "tweestaps ingesteld" : "tweestaps nog niet ingesteld")}  {r.naam}")));
        }, ct));
        return command;
    }

    private static Command ResetTwoFactor(CliContext context)
    {
        var common = new SchoolCommand.Common();
        var brin = new Argument<string>("BRIN") { Description = "De school." };
        var email = new Option<string>("--email") { Description = "Het e-mailadres van de medewerker.", Required = true };
        var identiteit = new Option<string>("--identiteit")
        {
            Description = "Hoe u de identiteit controleerde: " + string.Join("; ", IdentityCheck.Methods.Select(m => $"{m.Value} ({m.Label})")) + ".",
            Required = true,
        };
        identiteit.AcceptOnlyFromAmong(IdentityCheck.Methods.Select(m => m.Value).ToArray());
        var toelichting = new Option<string>("--toelichting") { Description = "Wat u controleerde (komt in het logboek van de school; geen BSN of documentnummer).", Required = true };
        var command = common.AddTo(new Command("reset-tweestaps", "Zet de tweestapsverificatie van een medewerker uit (telefoon kwijt), na controle van de identiteit: bij de volgende aanmelding stelt die haar opnieuw in.")
        {
            brin, email, identiteit, toelichting,
        });
        command.SetAction((parse, ct) => RunAsync(context, common, parse, async staff =>
        {
            var (check, _, error) = IdentityCheck.Parse(parse.GetValue(identiteit), parse.GetValue(toelichting));
            if (check is null) throw new ArgumentException(error);
            var id = await staff.FindAsync(parse.GetValue(email)!, ct).ConfigureAwait(false) ?? throw new ArgumentException($"Er is geen medewerker {parse.GetValue(email)}.");
            return await staff.ResetTwoFactorAsync(parse.GetValue(brin)!, id, check, Actor.Node, ct).ConfigureAwait(false) is StaffResult.Added
                ? (new { gebruiker = id }, $"Bij de volgende aanmelding stelt {parse.GetValue(email)} de tweestapsverificatie opnieuw in.")
                : throw new ArgumentException($"{parse.GetValue(email)} werkt niet voor {parse.GetValue(brin)}.");
        }, ct));
        return command;
    }

    private static Task<int> RunAsync(CliContext context, SchoolCommand.Common common, ParseResult parse, Func<StaffAccounts, Task<(object Value, string Text)>> work,
        CancellationToken ct) => SchoolCommand.RunSessionAsync(context, common, parse, session => work(session.Staff), ct);
}
